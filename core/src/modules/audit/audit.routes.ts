import { defineRoute } from "../../http/route.js";
import { Type } from "../../http/schema.js";
import { AuditPage, ExportAuditQuery, ListAuditQuery } from "./audit.schemas.js";
import { ExportAuditCsv } from "./export-audit-csv.js";
import { ListAuditEntries } from "./list-audit-entries.js";

const common = { tags: ["audit"], auth: "user" as const, permission: "audit" as const };

export const auditRoutes = [
  defineRoute({
    ...common,
    method: "get",
    path: "/audit",
    operationId: "listAuditEntries",
    summary: "Who did what in the account, newest first",
    description: "The owner, and users whose role grants `audit: view`. Entries are never changed nor deleted.",
    query: ListAuditQuery,
    response: AuditPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListAuditEntries).execute(auth, query),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/audit/export",
    operationId: "exportAuditEntries",
    summary: "The audit log as CSV, oldest first",
    description: "The owner, and users whose role grants `audit: export`.",
    action: "export",
    query: ExportAuditQuery,
    response: Type.String(),
    produces: "text/csv",
    async handler({ auth, query, scope, ctx }) {
      ctx.set("Content-Disposition", `attachment; filename="audit-${query.from ?? "start"}-${query.to ?? "now"}.csv"`);
      return scope.resolve(ExportAuditCsv).execute(auth, query);
    },
  }),
];
