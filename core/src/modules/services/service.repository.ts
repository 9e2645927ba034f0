import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import { toJson } from "../../db/json.js";
import { containsPattern } from "../../db/like.js";
import { fromJson } from "../../db/json.js";
import type { ActorContext } from "../../kernel/actor-context.js";
import type { Knex } from "knex";
import type { OrderRecord, Service, ServiceChange, ServiceHistoryEntry, ServiceRenewal, ServiceStatus } from "./service.js";
import { historyRow, renewalRow, toHistoryEntry, toRenewal, toService, type ServiceRow } from "./service-rows.js";

/** The columns of a service that change after it is created. */
export type ServiceChanges = Partial<
  Pick<
    Service,
    | "label"
    | "status"
    | "parameters"
    | "price"
    | "periodMonths"
    | "paidUntil"
    | "autoRenew"
    | "nextParameters"
    | "cancelAtPeriodEnd"
    | "statusReason"
    | "periodStart"
    | "orderCharge"
    | "provisionAction"
    | "provisionSeq"
  >
>;

/** What creating a service needs; the lifecycle fields start empty unless given. */
export type NewService = Omit<
  Service,
  "nextParameters" | "cancelAtPeriodEnd" | "statusReason" | "periodStart" | "orderCharge" | "orderId" | "provisionAction" | "provisionSeq" | "payerId"
> &
  Partial<Service>;

function changedColumns(changes: ServiceChanges): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (changes.label !== undefined) columns.label = changes.label;
  if (changes.status !== undefined) columns.status = changes.status;
  if (changes.parameters !== undefined) columns.parameters = toJson(changes.parameters);
  if (changes.price !== undefined) {
    columns.price_amount = changes.price.amount;
    columns.currency = changes.price.currency;
  }
  if (changes.periodMonths !== undefined) columns.period_months = changes.periodMonths;
  if (changes.paidUntil !== undefined) columns.paid_until = changes.paidUntil;
  if (changes.orderCharge !== undefined) columns.order_charge = changes.orderCharge;
  if (changes.autoRenew !== undefined) columns.auto_renew = changes.autoRenew;
  if (changes.nextParameters !== undefined) columns.next_parameters = changes.nextParameters === null ? null : toJson(changes.nextParameters);
  if (changes.cancelAtPeriodEnd !== undefined) columns.cancel_at_period_end = changes.cancelAtPeriodEnd;
  if (changes.statusReason !== undefined) columns.status_reason = changes.statusReason?.slice(0, 500) ?? null;
  if (changes.periodStart !== undefined) columns.period_start = changes.periodStart;
  if (changes.provisionAction !== undefined) columns.provision_action = changes.provisionAction;
  if (changes.provisionSeq !== undefined) columns.provision_seq = changes.provisionSeq;
  return columns;
}

export interface ServiceListFilter {
  status?: ServiceStatus;
  productIds?: string[];
  /** Label contains it, or the service's product is among `productIdsMatchingQ`. */
  q?: string;
  productIdsMatchingQ?: string[];
  afterId?: string;
  limit: number;
}

/**
 * The `services`, `service_history`, `service_renewals` and `orders` tables; only the services
 * module reads or writes them. Every read takes the account id and filters by it in the SQL
 * itself: a service of another account is never loaded, so it cannot leak by a forgotten check.
 */
@injectable()
export class ServiceRepository {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
  ) {}

  /**
   * A user limited to some services (per-service scope) sees and acts on those only: every
   * query by account adds this condition, so an id outside the scope is as unknown as another
   * account's (404) in paths, bodies, filters and cursors alike.
   */
  private scoped =
    (column = "id") =>
    (query: Knex.QueryBuilder) => {
      const scope = this.actors.current().serviceScope;
      if (scope) query.whereIn(column, scope);
    };

  /** Newest first; `afterId` continues below the last id of the previous page. */
  async listForAccount(accountId: string, filter: ServiceListFilter): Promise<Service[]> {
    const query = this.db<ServiceRow>("services").where("account_id", accountId).modify(this.scoped());
    if (filter.status) query.where("status", filter.status);
    else query.whereNot("status", "deleted");
    if (filter.productIds) query.whereIn("product_id", filter.productIds);
    if (filter.q) {
      query.where((w) => {
        w.whereRaw("LOWER(label) LIKE ? ESCAPE '!'", [containsPattern(filter.q!.toLowerCase())]);
        if (filter.productIdsMatchingQ && filter.productIdsMatchingQ.length > 0) w.orWhereIn("product_id", filter.productIdsMatchingQ);
      });
    }
    if (filter.afterId) query.where("id", "<", filter.afterId);
    const rows = await query.orderBy("id", "desc").limit(filter.limit);
    return rows.map(toService);
  }

  /** The service of the account; `lock` takes a row lock (MySQL) for a read-then-write in `db`, a transaction. */
  async findForAccount(accountId: string, id: string, db: Database = this.db, lock = false): Promise<Service | undefined> {
    const query = db<ServiceRow>("services").where({ account_id: accountId, id }).modify(this.scoped()).first();
    if (lock && dialectOf(db) === "mysql") query.forUpdate();
    const row = await query;
    return row ? toService(row) : undefined;
  }

  /** A service by id alone: for jobs and provisioner reports, which carry no account. */
  async findById(id: string, db: Database = this.db, lock = false): Promise<Service | undefined> {
    const query = db<ServiceRow>("services").where({ id }).first();
    if (lock && dialectOf(db) === "mysql") query.forUpdate();
    const row = await query;
    return row ? toService(row) : undefined;
  }

  async findForAccountByLabel(accountId: string, label: string): Promise<Service | undefined> {
    const row = await this.db<ServiceRow>("services").where({ account_id: accountId, label }).modify(this.scoped()).first();
    return row ? toService(row) : undefined;
  }

  async listByIds(accountId: string, ids: string[], db: Database = this.db): Promise<Service[]> {
    if (ids.length === 0) return [];
    return (await db<ServiceRow>("services").where("account_id", accountId).whereIn("id", ids).modify(this.scoped()).orderBy("id")).map(toService);
  }

  /** Auto-renewing services of the account that are paid until before `until`. */
  async listAutoRenewingBefore(accountId: string, until: number): Promise<Service[]> {
    const rows = await this.db<ServiceRow>("services")
      .where({ account_id: accountId, auto_renew: true })
      .modify(this.scoped())
      .whereIn("status", ["active", "suspended"])
      .whereNotNull("paid_until")
      .where("paid_until", "<", until);
    return rows.map(toService);
  }

  /**
   * Applies `changes` if the service (of the account) is still in `expectedStatus`: a guard
   * against a concurrent move, so two transitions never both win. Returns whether it applied.
   */
  async update(accountId: string, id: string, expectedStatus: ServiceStatus, changes: ServiceChanges, now: number, db: Database = this.db): Promise<boolean> {
    const columns = changedColumns(changes);
    // When the awaited action was asked for: how a recovery sweep tells a lost job from a queued one.
    if (changes.provisionAction !== undefined) columns.provision_requested_at = changes.provisionAction === null ? null : now;
    const updated = await db("services")
      .where({ account_id: accountId, id, status: expectedStatus })
      .modify(this.scoped())
      .update({ ...columns, updated_at: now });
    return Number(updated) === 1;
  }

  /**
   * The payer each of these services of the account was ordered for (null: the default). Not
   * limited to a user's per-service scope: it says whose a charge is, not what the user sees.
   */
  async payersOf(accountId: string, ids: string[], trx: Database = this.db): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await trx("services").where("account_id", accountId).whereIn("id", ids).select("id", "payer_id");
    return new Map(rows.map((r: { id: string; payer_id: string | null }) => [r.id, r.payer_id]));
  }

  async insert(service: NewService, now: number, db: Database = this.db): Promise<void> {
    await db("services").insert({
      id: service.id,
      account_id: service.accountId,
      product_id: service.productId,
      label: service.label,
      status: service.status,
      parameters: toJson(service.parameters),
      price_amount: service.price.amount,
      currency: service.price.currency,
      period_months: service.periodMonths,
      paid_until: service.paidUntil,
      auto_renew: service.autoRenew,
      created_at: service.createdAt,
      updated_at: now,
      next_parameters: service.nextParameters ? toJson(service.nextParameters) : null,
      cancel_at_period_end: service.cancelAtPeriodEnd ?? false,
      status_reason: service.statusReason ?? null,
      period_start: service.periodStart ?? null,
      order_charge: service.orderCharge ?? 0,
      order_id: service.orderId ?? null,
      provision_action: service.provisionAction ?? null,
      provision_seq: service.provisionSeq ?? 0,
      provision_requested_at: service.provisionAction ? now : null,
      payer_id: service.payerId ?? null,
    });
  }

  // --- recovery sweeps --------------------------------------------------------------------

  /**
   * Services (of every account: a sweep's job carries none) awaiting a provisioner action asked
   * for before `before`, or at an unknown time (rows from before migration 011), oldest first.
   */
  async listProvisioningAskedBefore(before: number, limit: number): Promise<Service[]> {
    const rows = await this.db<ServiceRow>("services")
      .whereNotNull("provision_action")
      .whereNot("status", "deleted")
      .where((w) => w.whereNull("provision_requested_at").orWhere("provision_requested_at", "<", before))
      .orderBy("provision_requested_at")
      .limit(limit);
    return rows.map(toService);
  }

  /** When the service's awaited provisioner action was asked for (null: none awaited, or unknown). */
  async provisionRequestedAt(id: string, db: Database = this.db): Promise<number | null> {
    const row = await db("services").where({ id }).first("provision_requested_at");
    return row?.provision_requested_at == null ? null : Number(row.provision_requested_at);
  }

  /**
   * Claims the re-asking of an awaited action: moves its asked-for time to `now` if nobody
   * (another node's sweep) did since `seenAt`. Returns whether this caller won.
   */
  async claimProvisionRequest(id: string, seq: number, seenAt: number | null, now: number): Promise<boolean> {
    const query = this.db("services").where({ id, provision_seq: seq }).whereNotNull("provision_action");
    if (seenAt === null) query.whereNull("provision_requested_at");
    else query.where("provision_requested_at", seenAt);
    return Number(await query.update({ provision_requested_at: now })) === 1;
  }

  /** (account, invoice) of orders whose services still wait for payment: the sweep checks whether the invoice was paid meanwhile. */
  async listOrderInvoicesAwaitingServices(afterInvoiceId: string, limit: number): Promise<{ accountId: string; invoiceId: string }[]> {
    const rows = await this.db("services as s")
      .join("orders as o", "o.id", "s.order_id")
      .where("s.status", "pending_payment")
      .where("o.invoice_id", ">", afterInvoiceId)
      .distinct("s.account_id", "o.invoice_id")
      .orderBy("o.invoice_id")
      .limit(limit);
    return rows.map((r: { account_id: string; invoice_id: string }) => ({ accountId: r.account_id, invoiceId: r.invoice_id }));
  }

  /** (account, invoice) of renewal invoices whose period the service has not yet been extended by. */
  async listRenewalInvoicesNotExtended(afterInvoiceId: string, limit: number): Promise<{ accountId: string; invoiceId: string }[]> {
    const rows = await this.db("service_renewals as r")
      .join("services as s", "s.id", "r.service_id")
      .where("r.invoice_id", ">", afterInvoiceId)
      .whereIn("s.status", ["active", "suspended"])
      .whereRaw("s.paid_until = r.period_start")
      .distinct("r.account_id", "r.invoice_id")
      .orderBy("r.invoice_id")
      .limit(limit);
    return rows.map((r: { account_id: string; invoice_id: string }) => ({ accountId: r.account_id, invoiceId: r.invoice_id }));
  }

  // --- service_history -------------------------------------------------------------------

  async addHistory(entry: Omit<ServiceHistoryEntry, "id">, db: Database = this.db): Promise<void> {
    await db("service_history").insert(historyRow(entry));
  }

  /** Oldest first; `afterId` continues after the last id of the previous page. */
  async listHistory(accountId: string, serviceId: string, filter: { afterId?: string; limit: number }): Promise<ServiceHistoryEntry[]> {
    const query = this.db("service_history").where({ account_id: accountId, service_id: serviceId }).modify(this.scoped("service_id"));
    if (filter.afterId) query.where("id", ">", filter.afterId);
    const rows = await query.orderBy("id", "asc").limit(filter.limit);
    return rows.map(toHistoryEntry);
  }

  // --- service_renewals ------------------------------------------------------------------

  /** Records a charged period; a second row for the same (service, period_start) fails on the UNIQUE key. */
  async insertRenewal(renewal: ServiceRenewal, db: Database = this.db): Promise<void> {
    await db("service_renewals").insert(renewalRow(renewal));
  }

  /** The renewal that paid the service up to `periodEnd` (its current period, when that is its paid-until), if one did. */
  async findRenewalEnding(serviceId: string, periodEnd: number, db: Database = this.db): Promise<ServiceRenewal | undefined> {
    const row = await db("service_renewals").where({ service_id: serviceId, period_end: periodEnd }).orderBy("period_start", "desc").first();
    return row ? toRenewal(row) : undefined;
  }

  async findRenewal(serviceId: string, periodStart: number, db: Database = this.db): Promise<ServiceRenewal | undefined> {
    const row = await db("service_renewals").where({ service_id: serviceId, period_start: periodStart }).first();
    return row ? toRenewal(row) : undefined;
  }

  async findRenewalsByInvoice(accountId: string, invoiceId: string, db: Database = this.db): Promise<ServiceRenewal[]> {
    return (await db("service_renewals").where({ account_id: accountId, invoice_id: invoiceId })).map(toRenewal);
  }

  /** Removes the invoice's renewals that no ledger entry paid; returns how many. */
  async deleteUnpaidRenewals(accountId: string, invoiceId: string, db: Database = this.db): Promise<number> {
    return Number(await db("service_renewals").where({ account_id: accountId, invoice_id: invoiceId }).whereNull("ledger_entry_id").delete());
  }

  /**
   * The open invoice of each of these services, if any: the order's for one awaiting payment,
   * the renewal's that waits for the period starting at its paid-until (a paid renewal has moved
   * paid-until past it; a voided one's row is gone).
   */
  async openInvoiceIds(accountId: string, services: Service[], db: Database = this.db): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const pending = services.filter((s) => s.status === "pending_payment" && s.orderId !== null);
    if (pending.length) {
      const orders = await db("orders")
        .where("account_id", accountId)
        .whereIn("id", [...new Set(pending.map((s) => s.orderId!))])
        .whereNotNull("invoice_id")
        .select("id", "invoice_id");
      const byOrder = new Map(orders.map((o: { id: string; invoice_id: string }) => [o.id, o.invoice_id]));
      for (const s of pending) if (byOrder.has(s.orderId!)) found.set(s.id, byOrder.get(s.orderId!)!);
    }
    const running = services.filter((s) => (s.status === "active" || s.status === "suspended") && s.paidUntil !== null);
    if (running.length) {
      // One round trip for both kinds of open invoice of a running service (this read is on
      // every services page): an upgrade waiting for its invoice, and an unpaid renewal.
      const ids = running.map((s) => s.id);
      const rows = (await db
        .from("service_changes")
        .where({ account_id: accountId, status: "waiting" })
        .whereIn("service_id", ids)
        .select("service_id", db.raw("NULL AS period_start"), "invoice_id")
        .unionAll((renewals) =>
          renewals
            .from("service_renewals")
            .where("account_id", accountId)
            .whereIn("service_id", ids)
            .whereNotNull("invoice_id")
            .whereNull("ledger_entry_id")
            .select("service_id", "period_start", "invoice_id"),
        )) as { service_id: string; period_start: number | string | null; invoice_id: string }[];
      const paidUntil = new Map(running.map((s) => [s.id, s.paidUntil]));
      // The renewal's invoice wins over a waiting change's, as it did when they were two reads
      // (the rows come in no set order).
      const renewal = new Set<string>();
      for (const r of rows) {
        if (r.period_start === null) {
          if (!renewal.has(r.service_id)) found.set(r.service_id, r.invoice_id);
        } else if (Number(r.period_start) === paidUntil.get(r.service_id)) {
          found.set(r.service_id, r.invoice_id);
          renewal.add(r.service_id);
        }
      }
    }
    return found;
  }

  // --- service_changes (upgrades waiting for their invoice) ---------------------------------

  async insertChange(change: ServiceChange, db: Database = this.db): Promise<void> {
    await db("service_changes").insert({
      id: change.id,
      account_id: change.accountId,
      service_id: change.serviceId,
      invoice_id: change.invoiceId,
      parameters: toJson(change.parameters),
      new_price: change.newPrice,
      amount: change.amount,
      currency: change.currency,
      provision_seq: change.provisionSeq,
      status: change.status,
      created_at: change.createdAt,
    });
  }

  /** The service's upgrade waiting for its invoice, if any. */
  async findWaitingChange(accountId: string, serviceId: string, db: Database = this.db): Promise<ServiceChange | undefined> {
    const row = await db("service_changes").where({ account_id: accountId, service_id: serviceId, status: "waiting" }).orderBy("id", "desc").first();
    return row ? toChange(row) : undefined;
  }

  /** For the recovery sweep: invoices of upgrades still waiting (of every account), by invoice id after `afterInvoiceId`. */
  async listChangeInvoicesWaiting(afterInvoiceId: string, limit: number): Promise<{ accountId: string; invoiceId: string }[]> {
    const rows = await this.db("service_changes")
      .where("status", "waiting")
      .where("invoice_id", ">", afterInvoiceId)
      .distinct("account_id", "invoice_id")
      .orderBy("invoice_id")
      .limit(limit);
    return rows.map((r: { account_id: string; invoice_id: string }) => ({ accountId: r.account_id, invoiceId: r.invoice_id }));
  }

  async findChangesByInvoice(accountId: string, invoiceId: string, db: Database = this.db): Promise<ServiceChange[]> {
    return (await db("service_changes").where({ account_id: accountId, invoice_id: invoiceId })).map(toChange);
  }

  /** Moves a waiting change on; false when it was not waiting any more (handled by someone else). */
  async settleChange(id: string, status: ServiceChange["status"], db: Database = this.db): Promise<boolean> {
    return (await db("service_changes").where({ id, status: "waiting" }).update({ status })) === 1;
  }

  /** The services of one order (all of them awaiting its invoice while it is unpaid), locked for `trx` on MySQL. */
  async listByOrder(accountId: string, orderId: string, db: Database = this.db, lock = false): Promise<Service[]> {
    const query = db<ServiceRow>("services").where({ account_id: accountId, order_id: orderId }).orderBy("id");
    if (lock && dialectOf(db) === "mysql") query.forUpdate();
    return (await query).map(toService);
  }

  /** Ties a service to the order it came from (the demo seed's services awaiting payment). */
  async attachOrder(accountId: string, serviceId: string, orderId: string, db: Database = this.db): Promise<void> {
    await db("services").where({ account_id: accountId, id: serviceId }).update({ order_id: orderId });
  }

  /** The invoice an order issued (null when the balance paid it). */
  async orderInvoiceId(accountId: string, orderId: string, db: Database = this.db): Promise<string | null> {
    const row = await db("orders").where({ account_id: accountId, id: orderId }).first("invoice_id");
    return row?.invoice_id ?? null;
  }

  // --- orders ----------------------------------------------------------------------------

  async findOrder(accountId: string, idempotencyKey: string, db: Database = this.db): Promise<OrderRecord | undefined> {
    const row = await db("orders").where({ account_id: accountId, idempotency_key: idempotencyKey }).first();
    if (!row) return undefined;
    return {
      id: row.id,
      accountId: row.account_id,
      idempotencyKey: row.idempotency_key,
      requestHash: row.request_hash,
      status: row.status,
      totalAmount: Number(row.total_amount),
      currency: row.currency,
      invoiceId: row.invoice_id,
      response: fromJson(row.response, null),
      createdAt: Number(row.created_at),
    };
  }

  async insertOrder(order: OrderRecord, db: Database = this.db): Promise<void> {
    await db("orders").insert({
      id: order.id,
      account_id: order.accountId,
      idempotency_key: order.idempotencyKey,
      request_hash: order.requestHash,
      status: order.status,
      total_amount: order.totalAmount,
      currency: order.currency,
      invoice_id: order.invoiceId,
      response: toJson(order.response),
      created_at: order.createdAt,
    });
  }
}

interface ChangeRow {
  id: string;
  account_id: string;
  service_id: string;
  invoice_id: string;
  parameters: string | null;
  new_price: number | string;
  amount: number | string;
  currency: string;
  provision_seq: number | string;
  status: ServiceChange["status"];
  created_at: number | string;
}

function toChange(row: ChangeRow): ServiceChange {
  return {
    id: row.id,
    accountId: row.account_id,
    serviceId: row.service_id,
    invoiceId: row.invoice_id,
    parameters: fromJson(row.parameters, {}),
    newPrice: Number(row.new_price),
    amount: Number(row.amount),
    currency: row.currency,
    provisionSeq: Number(row.provision_seq),
    status: row.status,
    createdAt: Number(row.created_at),
  };
}
