import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import { newId } from "../../kernel/ids.js";
import type { Payment, PaymentStatus } from "./payment.js";
import type { Knex } from "knex";
import type { ActorContext } from "../../kernel/actor-context.js";
import { InvoiceRepository } from "../invoices/index.js";

interface PaymentRow {
  id: string;
  brand_id: string;
  account_id: string;
  gateway: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  purpose: Payment["purpose"];
  invoice_ids: string;
  gateway_reference: string | null;
  next_action: string | null;
  failure_reason: string | null;
  received_amount: number | null;
  refunded_amount: number;
  created_at: number;
  settled_at: number | null;
}

const toPayment = (r: PaymentRow): Payment => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  gateway: r.gateway,
  amount: Number(r.amount),
  currency: r.currency,
  status: r.status,
  purpose: r.purpose,
  invoiceIds: fromJson<string[]>(r.invoice_ids, []),
  gatewayReference: r.gateway_reference,
  nextAction: fromJson<Payment["nextAction"]>(r.next_action, null),
  failureReason: r.failure_reason,
  receivedAmount: r.received_amount === null ? null : Number(r.received_amount),
  refundedAmount: Number(r.refunded_amount),
  createdAt: Number(r.created_at),
  settledAt: r.settled_at === null ? null : Number(r.settled_at),
});

/** The `payments`, `payment_invoices` and `webhook_events` tables; only the payments module touches them. */
@injectable()
export class PaymentRepository {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
  ) {}

  /**
   * A user limited to some services sees the payments of their invoices only: a payment that
   * pays at least one invoice and no invoice outside their scope (see the invoices' rule). A
   * top-up pays no invoice: it is the whole account's money, unknown to them (404). In the SQL
   * of every client read, from the actor (kernel/actor-context.ts), as services and tickets do.
   */
  private scoped = (accountId: string) => (query: Knex.QueryBuilder) => {
    const scope = this.actors.current().serviceScope;
    if (scope) query.whereIn("payments.id", this.idsWithinScope(this.db, accountId, scope));
  };

  /** `SELECT id` of the account's payments that `serviceScope` covers (see above), for this module's and other modules' SQL. */
  idsWithinScope(db: Database, accountId: string, serviceScope: string[]): Knex.QueryBuilder {
    const invoices = this.invoices.idsWithinScope(db, accountId, serviceScope);
    return db("payments as p")
      .where("p.account_id", accountId)
      .whereExists((q) => q.select(1).from("payment_invoices as pi").whereRaw("pi.payment_id = p.id"))
      .whereNotExists((q) => q.select(1).from("payment_invoices as po").whereRaw("po.payment_id = p.id").whereNotIn("po.invoice_id", invoices))
      .select("p.id");
  }

  async insert(payment: Payment, trx: Database = this.db): Promise<void> {
    await trx("payments").insert({
      id: payment.id,
      brand_id: payment.brandId,
      account_id: payment.accountId,
      gateway: payment.gateway,
      amount: payment.amount,
      currency: payment.currency,
      status: payment.status,
      purpose: payment.purpose,
      invoice_ids: toJson(payment.invoiceIds),
      gateway_reference: null,
      next_action: null,
      failure_reason: null,
      received_amount: null,
      refunded_amount: 0,
      created_at: payment.createdAt,
      updated_at: payment.createdAt,
      settled_at: null,
    });
    if (payment.invoiceIds.length > 0)
      await trx("payment_invoices").insert([...new Set(payment.invoiceIds)].map((invoiceId) => ({ payment_id: payment.id, invoice_id: invoiceId })));
  }

  async find(id: string, trx: Database = this.db): Promise<Payment | undefined> {
    const row = await trx<PaymentRow>("payments").where({ id }).first();
    return row ? toPayment(row) : undefined;
  }

  async findForAccount(accountId: string, id: string): Promise<Payment | undefined> {
    const row = await this.db<PaymentRow>("payments").where({ account_id: accountId, id }).modify(this.scoped(accountId)).first();
    return row ? toPayment(row) : undefined;
  }

  /** The invoices each of these payments of the account was made for (empty: a top-up). */
  async invoicesOf(accountId: string, ids: string[], trx: Database = this.db): Promise<Map<string, string[]>> {
    if (ids.length === 0) return new Map();
    const rows = await trx<PaymentRow>("payments").where("account_id", accountId).whereIn("id", ids);
    return new Map(rows.map((row) => toPayment(row)).map((p) => [p.id, p.invoiceIds]));
  }

  async listForAccount(accountId: string, filter: { beforeId?: string; limit: number }): Promise<Payment[]> {
    const query = this.db<PaymentRow>("payments").where("account_id", accountId).modify(this.scoped(accountId));
    if (filter.beforeId) query.where("id", "<", filter.beforeId);
    return (await query.orderBy("id", "desc").limit(filter.limit)).map(toPayment);
  }

  /**
   * A payment of the brand, for its staff. `lock` holds the row until the transaction ends
   * (MySQL; SQLite has one writer anyway), so refunds of one payment are reckoned one at a time.
   */
  async findForBrand(brandId: string, id: string, trx: Database = this.db, lock = false): Promise<Payment | undefined> {
    const query = trx<PaymentRow>("payments").where({ brand_id: brandId, id }).first();
    if (lock && dialectOf(trx) === "mysql") query.forUpdate();
    const row = await query;
    return row ? toPayment(row) : undefined;
  }

  /** The brand's payments, newest first; a reference matches as given or upper-cased (how transfer references are printed). */
  async listForBrand(
    brandId: string,
    filter: { status?: PaymentStatus; gateway?: string; reference?: string; accountId?: string; beforeId?: string; limit: number },
  ): Promise<Payment[]> {
    const query = this.db<PaymentRow>("payments").where("brand_id", brandId);
    if (filter.status) query.where("status", filter.status);
    if (filter.gateway) query.where("gateway", filter.gateway);
    if (filter.reference) query.whereIn("gateway_reference", [...new Set([filter.reference, filter.reference.toUpperCase()])]);
    if (filter.accountId) query.where("account_id", filter.accountId);
    if (filter.beforeId) query.where("id", "<", filter.beforeId);
    return (await query.orderBy("id", "desc").limit(filter.limit)).map(toPayment);
  }

  /** Pending payments (of every brand: the recovery sweep) not looked at since `before`, oldest first. */
  async listPendingUntouchedSince(before: number, limit: number): Promise<{ payment: Payment; updatedAt: number }[]> {
    const rows = await this.db<PaymentRow & { updated_at: number }>("payments")
      .where("status", "pending")
      .where("updated_at", "<", before)
      .orderBy("updated_at")
      .limit(limit);
    return rows.map((row) => ({ payment: toPayment(row), updatedAt: Number(row.updated_at) }));
  }

  /** Claims a look at a pending payment: moves `updated_at` from what the caller saw to `now`; false if another sweep did first. */
  async claimLook(id: string, seenUpdatedAt: number, now: number): Promise<boolean> {
    return Number(await this.db("payments").where({ id, status: "pending", updated_at: seenUpdatedAt }).update({ updated_at: now })) === 1;
  }

  async recordStart(id: string, gatewayReference: string, nextAction: Payment["nextAction"], now: number): Promise<void> {
    await this.db("payments")
      .where({ id })
      .update({ gateway_reference: gatewayReference, next_action: toJson(nextAction), updated_at: now });
  }

  /**
   * Moves a payment to its outcome, only from the states given. Conditional, so of two
   * settlements racing (a webhook and the client's return), exactly one changes the row: the
   * one that then credits the balance.
   */
  async settle(
    id: string,
    outcome: { status: "succeeded"; receivedAmount: number } | { status: "failed"; reason: string },
    now: number,
    trx: Database,
    from: PaymentStatus[],
  ): Promise<boolean> {
    const changes =
      outcome.status === "succeeded"
        ? { status: "succeeded", received_amount: outcome.receivedAmount, failure_reason: null, settled_at: now, updated_at: now }
        : { status: "failed", failure_reason: outcome.reason.slice(0, 255), settled_at: now, updated_at: now };
    return (await trx("payments").where({ id }).whereIn("status", from).update(changes)) === 1;
  }

  /** Adds to the refunded amount, only if nobody else did since `seen` was read. */
  async addRefunded(id: string, seen: number, delta: number, now: number, trx: Database): Promise<boolean> {
    return (
      (await trx("payments")
        .where({ id, refunded_amount: seen })
        .update({ refunded_amount: seen + delta, updated_at: now })) === 1
    );
  }

  async markFailed(id: string, reason: string, now: number): Promise<void> {
    await this.settle(id, { status: "failed", reason }, now, this.db, ["pending"]);
  }

  /**
   * Records a webhook delivery; false when (gateway, event id) was seen before. A concurrent
   * duplicate fails on the UNIQUE index instead, and the caller's transaction runs again.
   */
  async recordWebhookEvent(gateway: string, eventId: string, paymentId: string | null, outcome: string, now: number, trx: Database): Promise<boolean> {
    const key = { gateway, event_id: eventId.slice(0, 255) };
    if (await trx("webhook_events").where(key).first("id")) return false;
    await trx("webhook_events").insert({ id: newId("whe", now), ...key, payment_id: paymentId, outcome, received_at: now });
    return true;
  }
}
