import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { AuditRepository } from "./audit.repository.js";
import type { AuditEntry, AuditFilters } from "./audit-entry.js";

export interface AuditQuery {
  action?: string;
  actorKind?: AuditFilters["actorKind"];
  actorId?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

/** A day (`2026-11-01`, UTC) as an instant; `end` gives the start of the next day, exclusive. */
function day(value: string | undefined, end = false): number | undefined {
  if (value === undefined) return undefined;
  return Date.parse(`${value}T00:00:00Z`) + (end ? 86_400_000 : 0);
}

export function toFilters(query: AuditQuery): AuditFilters {
  return { action: query.action, actorKind: query.actorKind, actorId: query.actorId, targetId: query.targetId, from: day(query.from), to: day(query.to, true) };
}

export const describeAuditEntry = (e: AuditEntry) => ({
  id: e.id,
  at: new Date(e.at).toISOString(),
  actor: e.actor,
  action: e.action,
  target: e.target,
  details: e.details,
});

/** The account's audit log, newest first, filtered. */
@injectable()
export class ListAuditEntries {
  constructor(@inject(AuditRepository) private readonly entries: AuditRepository) {}

  async execute(auth: { accountId: string }, query: AuditQuery & { cursor?: string; limit?: number }) {
    const limit = query.limit ?? 20;
    const rows = await this.entries.list(auth.accountId, toFilters(query), { before: decodeCursor(query.cursor, "aud"), limit: limit + 1 });
    return toPage(rows, limit, describeAuditEntry);
  }
}
