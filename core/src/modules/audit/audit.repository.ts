import { inject, injectable } from "tsyringe";
import type { Knex } from "knex";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import type { AuditEntry, AuditFilters } from "./audit-entry.js";

interface AuditRow {
  id: string;
  account_id: string;
  at: number;
  actor_kind: AuditEntry["actor"]["kind"];
  actor_id: string | null;
  actor_name: string;
  staff_id: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  accountId: r.account_id,
  at: Number(r.at),
  actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name, staffId: r.staff_id, ip: r.ip, userAgent: r.user_agent },
  action: r.action,
  target: r.target_type && r.target_id ? { type: r.target_type, id: r.target_id } : null,
  details: fromJson<Record<string, unknown>>(r.details, {}),
});

const toRow = (entry: AuditEntry) => ({
  id: entry.id,
  account_id: entry.accountId,
  at: entry.at,
  actor_kind: entry.actor.kind,
  actor_id: entry.actor.id,
  actor_name: entry.actor.name.slice(0, 200),
  staff_id: entry.actor.staffId,
  ip: entry.actor.ip?.slice(0, 64) ?? null,
  user_agent: entry.actor.userAgent?.slice(0, 255) ?? null,
  action: entry.action.slice(0, 64),
  target_type: entry.target?.type.slice(0, 32) ?? null,
  target_id: entry.target?.id.slice(0, 64) ?? null,
  details: toJson(entry.details),
});

/** The `audit_entries` table: insert and read, nothing else (the log is append-only). */
@injectable()
export class AuditRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insertMany(entries: AuditEntry[], trx: Database = this.db): Promise<void> {
    // In chunks of 1,000 rows (about 14,000 values): SQLite caps the values of one statement at
    // 32,766; a billing run's batch of 500 renewals is one insert, not ten.
    for (let i = 0; i < entries.length; i += 1000) await trx("audit_entries").insert(entries.slice(i, i + 1000).map(toRow));
  }

  /** The account's entries matching `filters`, newest first, after the cursor id. */
  async list(accountId: string, filters: AuditFilters, page: { before?: string; limit: number }): Promise<AuditEntry[]> {
    const query = this.filtered(accountId, filters).orderBy("id", "desc").limit(page.limit);
    if (page.before) query.where("id", "<", page.before);
    return (await query).map(toEntry);
  }

  private filtered(accountId: string, filters: AuditFilters): Knex.QueryBuilder<AuditRow, AuditRow[]> {
    const query = this.db<AuditRow>("audit_entries").where("account_id", accountId);
    // `service.` lists every service action; `service.cancelled` just that one.
    if (filters.action) {
      if (filters.action.endsWith(".")) query.where("action", "like", `${filters.action}%`);
      else query.where("action", filters.action);
    }
    if (filters.actorKind) query.where("actor_kind", filters.actorKind);
    if (filters.actorId) query.where((q) => q.where("actor_id", filters.actorId!).orWhere("staff_id", filters.actorId!));
    if (filters.targetId) query.where("target_id", filters.targetId);
    if (filters.from !== undefined) query.where("at", ">=", filters.from);
    if (filters.to !== undefined) query.where("at", "<", filters.to);
    return query;
  }
}
