import { inject, injectable } from "tsyringe";
import type { Knex } from "knex";
import { TOKENS } from "../../kernel/tokens.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import type { Service, ServiceRenewal, ServiceStatus } from "./service.js";
import { historyRow, renewalRow, toRenewal, toService, type ServiceRow } from "./service-rows.js";

/** One service moved by the billing run, for its history. */
export interface BillingHistoryEntry {
  serviceId: string;
  accountId: string;
  fromStatus: ServiceStatus;
  toStatus: ServiceStatus;
  action: string;
  details: Record<string, unknown>;
}

/**
 * Where a billing-run phase's walk stands: it takes the services of one status at a time, in
 * (paid_until, id) order over the index (status, paid_until, id), each batch after the last
 * service of the one before. Null before the first batch.
 */
export interface WalkCursor {
  status: ServiceStatus;
  paidUntil: number;
  id: string;
}

/** The next services of a walk, and where the walk goes on from (null: none are left). */
export interface WalkStep {
  ids: string[];
  next: WalkCursor | null;
}

/** Services in one of `statuses` paid until before `paidBefore` (and, when set, marked to cancel at period end or not). */
export interface Overdue {
  statuses: ServiceStatus[];
  paidBefore: number;
  cancelAtPeriodEnd?: boolean;
}

/** Renewable: running (or suspended for want of money), renewing itself, not cancelling at period end. */
const RENEWABLE: ServiceStatus[] = ["active", "suspended"];

/**
 * The services module's tables as the billing run (run-billing.ts and its batches) sees them: services due for
 * renewal, suspension or deletion, claimed in batches, and renewals recorded in bulk. Claims
 * lock the rows they return until the batch's transaction ends, skipping rows another run
 * holds (`FOR UPDATE SKIP LOCKED` on MySQL/MariaDB), so concurrent runs share the work and
 * never settle one service twice; SQLite has one writer, and one run at a time holds a lease.
 */
@injectable()
export class BillingRunRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  private claim(query: Knex.QueryBuilder, trx: Database) {
    if (dialectOf(trx) === "mysql") query.forUpdate().skipLocked();
    return query;
  }

  private renewable(trx: Database, dueBefore: number, statuses: ServiceStatus[] = RENEWABLE) {
    return trx("services")
      .whereIn("status", statuses)
      .where({ auto_renew: true, cancel_at_period_end: false })
      .whereNotNull("paid_until")
      .where("paid_until", "<", dueBefore);
  }

  /** How many auto-renewing services are paid until before `dueBefore`: a run's progress total for renewals. */
  async countRenewable(dueBefore: number): Promise<number> {
    return Number((await this.renewable(this.db, dueBefore).count({ n: "*" }).first())?.n ?? 0);
  }

  /** How many services match `which`: a run's progress total for suspensions, cancellations or deletions. */
  async countOverdue(which: Overdue): Promise<number> {
    return Number((await this.overdue(this.db, which).count({ n: "*" }).first())?.n ?? 0);
  }

  /**
   * The next `limit` auto-renewing services paid until before `dueBefore`, after `cursor` — read
   * without locks, before the batch's transaction: the claim then locks exactly these rows (not
   * every row a scan touches), and the transaction's snapshot starts after it.
   */
  async nextRenewable(dueBefore: number, cursor: WalkCursor | null, limit: number): Promise<WalkStep> {
    return this.walk(RENEWABLE, cursor, limit, (status) => this.renewable(this.db, dueBefore, [status]));
  }

  /**
   * Reads along the index (status, paid_until, id): the statuses in the order given, each in
   * (paid_until, id) order from the cursor on, until `limit` ids are taken. Each query reads
   * only the rows it returns, however many services are due or were renewed before.
   */
  private async walk(
    statuses: ServiceStatus[],
    cursor: WalkCursor | null,
    limit: number,
    query: (status: ServiceStatus) => Knex.QueryBuilder,
  ): Promise<WalkStep> {
    const taken: { id: string; status: ServiceStatus; paid_until: number }[] = [];
    const take = async (rows: Knex.QueryBuilder, status: ServiceStatus, order: string[]) => {
      const found = await rows
        .orderBy(order.map((column) => ({ column })))
        .limit(limit - taken.length)
        .select("id", "paid_until");
      for (const r of found as { id: string; paid_until: number }[]) taken.push({ id: r.id, status, paid_until: Number(r.paid_until) });
    };
    for (let i = cursor ? statuses.indexOf(cursor.status) : 0; i < statuses.length && taken.length < limit; i++) {
      const status = statuses[i];
      if (cursor && cursor.status === status) {
        // Two seeks, not one query with an OR (which the databases answer by scanning every row
        // of the cursor's paid-until — all of them in a fleet renewed at one instant): the rest
        // of the cursor's paid-until after its id, then the later paid-untils.
        await take(query(status).where("paid_until", cursor.paidUntil).where("id", ">", cursor.id), status, ["id"]);
        if (taken.length < limit) await take(query(status).where("paid_until", ">", cursor.paidUntil), status, ["paid_until", "id"]);
      } else {
        await take(query(status), status, ["paid_until", "id"]);
      }
    }
    const last = taken.at(-1);
    return { ids: taken.map((t) => t.id), next: taken.length < limit || !last ? null : { status: last.status, paidUntil: last.paid_until, id: last.id } };
  }

  /**
   * The auto-renewing services still due of these accounts, claimed whole: locked in (account,
   * id) order, and on MySQL/MariaDB waiting for (not skipping) rows another run holds, so the
   * first run to reach an account takes all its due services and a second one finds them renewed
   * or invoiced. For the run's second pass, which invoices each short account once.
   */
  async claimRenewalsOfAccounts(trx: Database, accountIds: string[], dueBefore: number): Promise<Service[]> {
    if (accountIds.length === 0) return [];
    const query = this.renewable(trx, dueBefore)
      .whereIn("account_id", accountIds)
      .orderBy([{ column: "account_id" }, { column: "id" }])
      .select("*");
    if (dialectOf(trx) === "mysql") query.forUpdate();
    return ((await query) as ServiceRow[]).map(toService);
  }

  /** Claims those of `ids` that are still due and that no other run holds, in id order. */
  async claimRenewals(trx: Database, ids: string[], dueBefore: number): Promise<Service[]> {
    if (ids.length === 0) return [];
    // Read by primary key and checked here: with the due conditions in the SQL, SQLite's planner
    // took the (status, paid_until) range instead — every due service, sorted, for each batch.
    const query = trx("services").whereIn("id", ids).orderBy("id").select("*");
    const rows = (await this.claim(query, trx)) as ServiceRow[];
    return rows
      .filter(
        (r) => RENEWABLE.includes(r.status) && Boolean(r.auto_renew) && !r.cancel_at_period_end && r.paid_until !== null && Number(r.paid_until) < dueBefore,
      )
      .map(toService);
  }

  private overdue(trx: Database, which: Overdue) {
    const query = trx("services").whereIn("status", which.statuses).whereNotNull("paid_until").where("paid_until", "<", which.paidBefore);
    if (which.cancelAtPeriodEnd !== undefined) query.where("cancel_at_period_end", which.cancelAtPeriodEnd);
    return query;
  }

  /** The next `limit` services that match `which`, after `cursor`, read without locks (see `nextRenewable`). */
  async nextOverdue(which: Overdue, cursor: WalkCursor | null, limit: number): Promise<WalkStep> {
    return this.walk(which.statuses, cursor, limit, (status) => this.overdue(this.db, { ...which, statuses: [status] }));
  }

  /** Claims those of `ids` that still match `which` and that no other run holds: `{ id, accountId }`. */
  async claimOverdue(trx: Database, which: Overdue, ids: string[]): Promise<{ id: string; accountId: string }[]> {
    if (ids.length === 0) return [];
    // By primary key, checked here (see claimRenewals).
    const query = trx("services").whereIn("id", ids).orderBy("id").select("id", "account_id", "status", "paid_until", "cancel_at_period_end");
    const rows = (await this.claim(query, trx)) as {
      id: string;
      account_id: string;
      status: ServiceStatus;
      paid_until: number | null;
      cancel_at_period_end: number | boolean;
    }[];
    return rows
      .filter(
        (r) =>
          which.statuses.includes(r.status) &&
          r.paid_until !== null &&
          Number(r.paid_until) < which.paidBefore &&
          (which.cancelAtPeriodEnd === undefined || Boolean(r.cancel_at_period_end) === which.cancelAtPeriodEnd),
      )
      .map((r) => ({ id: r.id, accountId: r.account_id }));
  }

  /**
   * The renewals already recorded for these (service, period start) pairs, by
   * `serviceId:periodStart`. Read over UNIQUE(service_id, period_start) from the earliest period
   * start on: a service's past renewals all start before its paid-until, so a year of history
   * is never read — only the batch's own periods (and, at most, a neighbour's recent one).
   */
  async findRenewals(trx: Database, periods: { serviceId: string; periodStart: number }[]): Promise<Map<string, ServiceRenewal>> {
    if (periods.length === 0) return new Map();
    const wanted = new Set(periods.map((p) => `${p.serviceId}:${p.periodStart}`));
    const rows = await trx("service_renewals")
      .whereIn("service_id", [...new Set(periods.map((p) => p.serviceId))])
      .where("period_start", ">=", Math.min(...periods.map((p) => p.periodStart)));
    const found = new Map<string, ServiceRenewal>();
    for (const r of rows) {
      const key = `${r.service_id}:${Number(r.period_start)}`;
      if (wanted.has(key)) found.set(key, toRenewal(r));
    }
    return found;
  }

  /**
   * Records renewals in one INSERT. UNIQUE(service_id, period_start) refuses a period renewed
   * already — by a concurrent run or the client — and the batch's transaction rolls back.
   */
  async insertRenewals(trx: Database, renewals: ServiceRenewal[]): Promise<void> {
    if (renewals.length === 0) return;
    await trx("service_renewals").insert(renewals.map(renewalRow));
  }

  /**
   * Moves each service's paid period on in one UPDATE — paid until `periodEnd`, its last paid
   * period starting at `lastPeriodStart` — only where it is still paid until `paidUntil`, as the
   * run read it: false (the caller rolls back) if any had moved meanwhile.
   */
  async extendPaidPeriods(
    trx: Database,
    periods: { serviceId: string; paidUntil: number; lastPeriodStart: number; periodEnd: number }[],
    now: number,
  ): Promise<boolean> {
    if (periods.length === 0) return true;
    const caseOf = (value: (p: (typeof periods)[number]) => number) => ({
      sql: `CASE id ${periods.map(() => "WHEN ? THEN ?").join(" ")} END`,
      bindings: periods.flatMap((p) => [p.serviceId, value(p)]),
    });
    const before = caseOf((p) => p.paidUntil);
    const start = caseOf((p) => p.lastPeriodStart);
    const end = caseOf((p) => p.periodEnd);
    const changed = await trx("services")
      .whereIn(
        "id",
        periods.map((p) => p.serviceId),
      )
      .whereRaw(`paid_until = ${before.sql}`, before.bindings)
      .update({ period_start: trx.raw(start.sql, start.bindings), paid_until: trx.raw(end.sql, end.bindings), updated_at: now });
    return changed === periods.length;
  }

  /**
   * Marks claimed services updated now, only where each still has the status the run read: false
   * (the caller rolls back) if any had moved meanwhile — the guard ServiceLifecycle.apply keeps
   * for a step that changes nothing else, for a whole batch in one UPDATE.
   */
  async touchClaimed(trx: Database, services: { serviceId: string; status: ServiceStatus }[], now: number): Promise<boolean> {
    if (services.length === 0) return true;
    const expected = { sql: `CASE id ${services.map(() => "WHEN ? THEN ?").join(" ")} END`, bindings: services.flatMap((s) => [s.serviceId, s.status]) };
    const changed = await trx("services")
      .whereIn(
        "id",
        services.map((s) => s.serviceId),
      )
      .whereRaw(`status = ${expected.sql}`, expected.bindings)
      .update({ updated_at: now });
    return changed === services.length;
  }

  async insertHistory(trx: Database, entries: BillingHistoryEntry[], now: number): Promise<void> {
    if (entries.length === 0) return;
    await trx("service_history").insert(entries.map((e) => historyRow({ ...e, at: now, actor: "system" })));
  }
}
