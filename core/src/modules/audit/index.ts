/**
 * The audit module's public face: an append-only log of who did what in an account.
 * Other modules write to it with `AuditLog.record(trx, entry)` inside the transaction of the
 * change; the domain events listed in register-audit.ts are recorded without asking.
 */
import { defineModule } from "../../kernel/cabinet-module.js";
import { auditRoutes } from "./audit.routes.js";
import { registerAudit } from "./register-audit.js";

export { AuditLog } from "./audit-log.js";
export type { AuditEntry, NewAuditEntry } from "./audit-entry.js";
export { auditActions, auditActionOf, type AuditAction } from "./audit-actions.js";
export { auditRoutes } from "./audit.routes.js";
export { registerAudit } from "./register-audit.js";

export const auditModule = defineModule({ name: "audit", routes: auditRoutes, register: registerAudit });
