import type { Actor } from "../../kernel/actor-context.js";
import type { AuditAction } from "./audit-actions.js";

/** One line of an account's audit log, as stored. Entries are never updated nor deleted. */
export interface AuditEntry {
  id: string;
  accountId: string;
  at: number;
  actor: Pick<Actor, "kind" | "id" | "name" | "staffId" | "ip" | "userAgent">;
  /** What happened, as `<subject>.<verb>`: `service.cancelled`, `user.invited`, `role.changed`. */
  action: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

/** What a caller hands to {@link AuditLog.record}; the actor defaults to the current one. */
export interface NewAuditEntry {
  accountId: string;
  action: AuditAction;
  target?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
  /** Only when the entry is about someone other than the current actor (a sign-in before its session exists). */
  actor?: Partial<AuditEntry["actor"]> & Pick<AuditEntry["actor"], "kind" | "id" | "name">;
}

export const actorKinds = ["user", "staff", "system", "handoff"] as const;

export interface AuditFilters {
  action?: string;
  actorKind?: (typeof actorKinds)[number];
  actorId?: string;
  targetId?: string;
  from?: number;
  to?: number;
}
