import { inject, injectable } from "tsyringe";
import type { Knex } from "knex";
import { TOKENS } from "../../kernel/tokens.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import { newId } from "../../kernel/ids.js";
import type { ParameterValues, ServiceRenewal, ServiceStatus } from "./service.js";

/** What the billing run needs of a service it renews: its price, period and where it stands. */
export interface DueService {
  id: string;
  accountId: string;
  productId: string;
  label: string | null;
  status: ServiceStatus;
  priceAmount: number;
  currency: string;
  periodMonths: number;
  paidUntil: number;
  nextParameters: ParameterValues | null;
}

/** One service moved by the billing run, for its history. */
export interface BillingHistoryEntry {
  serviceId: string;
  accountId: string;
  fromStatus: ServiceStatus;
  toStatus: ServiceStatus;
  action: string;
  details: Record<string, unknown>;
}

interface DueServiceRow {
  id: string;
  account_id: string;
  product_id: string;
  label: string | null;
  status: ServiceStatus;
  price_amount: number;
  currency: string;
  period_months: number;
  paid_until: number;
  next_parameters: string | null;
}

const toDueService = (r: DueServiceRow): DueService => ({
  id: r.id,
  accountId: r.account_id,
  productId: r.product_id,
  label: r.label,
  status: r.status,
  priceAmount: Number(r.price_amount),
  currency: r.currency,
  periodMonths: Number(r.period_months),
  paidUntil: Number(r.paid_until),
  nextParameters: fromJson(r.next_parameters, null),
});

/** Services in one of `statuses` paid until before `paidBefore` (and, when set, marked to cancel at period end or not). */
export interface Overdue {
  statuses: ServiceStatus[];
  paidBefore: number;
  cancelAtPeriodEnd?: boolean;
}

/** Renewable: running (or suspended for want of money), renewing itself, not cancelling at period end. */
const RENEWABLE: ServiceStatus[] = ["active", "suspended"];

/**
 * The services module's tables as the billing run (core/src/jobs) sees them: services due for
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

  private renewable(trx: Database, dueBefore: number) {
    return trx("services")
      .whereIn("status", RENEWABLE)
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
   * The ids of the next `limit` auto-renewing services paid until before `dueBefore`, after
   * `afterId`, in id order — read without locks, before the batch's transaction: the claim
   * then locks exactly these rows (not every row a sorted scan touches), and the transaction's
   * snapshot starts after it.
   */
  async nextRenewable(dueBefore: number, afterId: string, limit: number): Promise<string[]> {
    return (await this.renewable(this.db, dueBefore).where("id", ">", afterId).orderBy("id").limit(limit).select("id")).map((r: { id: string }) => r.id);
  }

  /** Claims those of `ids` that are still due and that no other run holds, in id order. */
  async claimRenewals(trx: Database, ids: string[], dueBefore: number): Promise<DueService[]> {
    if (ids.length === 0) return [];
    const query = this.renewable(trx, dueBefore)
      .whereIn("id", ids)
      .orderBy("id")
      .select("id", "account_id", "product_id", "label", "status", "price_amount", "currency", "period_months", "paid_until", "next_parameters");
    return ((await this.claim(query, trx)) as DueServiceRow[]).map(toDueService);
  }

  private overdue(trx: Database, which: Overdue) {
    const query = trx("services").whereIn("status", which.statuses).whereNotNull("paid_until").where("paid_until", "<", which.paidBefore);
    if (which.cancelAtPeriodEnd !== undefined) query.where("cancel_at_period_end", which.cancelAtPeriodEnd);
    return query;
  }

  /** The ids of the next `limit` services that match `which`, after `afterId`, in id order, read without locks (see `nextRenewable`). */
  async nextOverdue(which: Overdue, afterId: string, limit: number): Promise<string[]> {
    return (await this.overdue(this.db, which).where("id", ">", afterId).orderBy("id").limit(limit).select("id")).map((r: { id: string }) => r.id);
  }

  /** Claims those of `ids` that still match `which` and that no other run holds: `{ id, accountId }`. */
  async claimOverdue(trx: Database, which: Overdue, ids: string[]): Promise<{ id: string; accountId: string }[]> {
    if (ids.length === 0) return [];
    const query = this.overdue(trx, which).whereIn("id", ids).orderBy("id").select("id", "account_id");
    return ((await this.claim(query, trx)) as { id: string; account_id: string }[]).map((r) => ({ id: r.id, accountId: r.account_id }));
  }

  /** The renewals already recorded for these (service, period start) pairs, by `serviceId:periodStart`. */
  async findRenewals(trx: Database, periods: { serviceId: string; periodStart: number }[]): Promise<Map<string, ServiceRenewal>> {
    if (periods.length === 0) return new Map();
    const wanted = new Set(periods.map((p) => `${p.serviceId}:${p.periodStart}`));
    const rows = await trx("service_renewals").whereIn("service_id", [...new Set(periods.map((p) => p.serviceId))]);
    const found = new Map<string, ServiceRenewal>();
    for (const r of rows) {
      const key = `${r.service_id}:${Number(r.period_start)}`;
      if (!wanted.has(key)) continue;
      found.set(key, {
        id: r.id,
        serviceId: r.service_id,
        accountId: r.account_id,
        periodStart: Number(r.period_start),
        periodEnd: Number(r.period_end),
        periods: Number(r.periods),
        amount: Number(r.amount),
        currency: r.currency,
        ledgerEntryId: r.ledger_entry_id,
        invoiceId: r.invoice_id,
        source: r.source,
        createdAt: Number(r.created_at),
      });
    }
    return found;
  }

  /**
   * Records renewals in one INSERT. UNIQUE(service_id, period_start) refuses a period renewed
   * already — by a concurrent run or the client — and the batch's transaction rolls back.
   */
  async insertRenewals(trx: Database, renewals: ServiceRenewal[]): Promise<void> {
    if (renewals.length === 0) return;
    await trx("service_renewals").insert(
      renewals.map((r) => ({
        id: r.id,
        service_id: r.serviceId,
        account_id: r.accountId,
        period_start: r.periodStart,
        period_end: r.periodEnd,
        periods: r.periods,
        amount: r.amount,
        currency: r.currency,
        ledger_entry_id: r.ledgerEntryId,
        invoice_id: r.invoiceId,
        source: r.source,
        created_at: r.createdAt,
      })),
    );
  }

  /**
   * Moves each service's paid period on in one UPDATE — paid until `periodEnd`, its last paid
   * period starting at `lastPeriodStart` — only where it is still paid until `paidUntil`, as the
   * run read it: false (the caller rolls back) if any had moved meanwhile.
   */
  async extendPaidPeriods(trx: Database, periods: { serviceId: string; paidUntil: number; lastPeriodStart: number; periodEnd: number }[], now: number): Promise<boolean> {
    if (periods.length === 0) return true;
    const caseOf = (value: (p: (typeof periods)[number]) => number) => ({
      sql: `CASE id ${periods.map(() => "WHEN ? THEN ?").join(" ")} END`,
      bindings: periods.flatMap((p) => [p.serviceId, value(p)]),
    });
    const before = caseOf((p) => p.paidUntil);
    const start = caseOf((p) => p.lastPeriodStart);
    const end = caseOf((p) => p.periodEnd);
    const changed = await trx("services")
      .whereIn("id", periods.map((p) => p.serviceId))
      .whereRaw(`paid_until = ${before.sql}`, before.bindings)
      .update({ period_start: trx.raw(start.sql, start.bindings), paid_until: trx.raw(end.sql, end.bindings), updated_at: now });
    return changed === periods.length;
  }

  async insertHistory(trx: Database, entries: BillingHistoryEntry[], now: number): Promise<void> {
    if (entries.length === 0) return;
    await trx("service_history").insert(
      entries.map((e) => ({
        id: newId("shi", now),
        service_id: e.serviceId,
        account_id: e.accountId,
        at: now,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        action: e.action,
        actor: "system",
        details: toJson(e.details),
      })),
    );
  }
}
