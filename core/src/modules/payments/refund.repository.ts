import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import type { Refund, RefundStatus } from "./refund.js";

interface RefundRow {
  id: string;
  payment_id: string;
  account_id: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  gateway_reference: string | null;
  failure_reason: string | null;
  created_at: number;
  updated_at: number;
}

const toRefund = (r: RefundRow): Refund => ({
  id: r.id,
  paymentId: r.payment_id,
  accountId: r.account_id,
  amount: Number(r.amount),
  currency: r.currency,
  status: r.status,
  reason: r.reason,
  gatewayReference: r.gateway_reference,
  failureReason: r.failure_reason,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/** The `refunds` table; only the payments module touches it. */
@injectable()
export class RefundRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(refund: Refund, trx: Database = this.db): Promise<void> {
    await trx("refunds").insert({
      id: refund.id,
      payment_id: refund.paymentId,
      account_id: refund.accountId,
      amount: refund.amount,
      currency: refund.currency,
      status: refund.status,
      reason: refund.reason.slice(0, 255),
      gateway_reference: refund.gatewayReference?.slice(0, 255) ?? null,
      failure_reason: refund.failureReason?.slice(0, 255) ?? null,
      created_at: refund.createdAt,
      updated_at: refund.updatedAt,
    });
  }

  /** A refund of the payment: scoped by the payment, whose own lookup was scoped by brand. */
  async findForPayment(paymentId: string, id: string, trx: Database = this.db): Promise<Refund | undefined> {
    const row = await trx<RefundRow>("refunds").where({ payment_id: paymentId, id }).first();
    return row ? toRefund(row) : undefined;
  }

  /** Oldest first: the order they were asked for. */
  async listForPayment(paymentId: string, trx: Database = this.db): Promise<Refund[]> {
    return (await trx<RefundRow>("refunds").where({ payment_id: paymentId }).orderBy("id", "asc")).map(toRefund);
  }

  /** What is asked of the gateway but not yet known refunded: reserved, so it cannot be refunded twice. */
  async sumPending(paymentId: string, trx: Database = this.db, lock = false): Promise<number> {
    const query = trx("refunds").where({ payment_id: paymentId, status: "pending" }).sum({ total: "amount" }).first();
    // A locking read sees what committed while this transaction waited for the payment's row; a
    // plain read would see the transaction's snapshot, taken by its first read (the idempotency
    // key's look-up), before a twin's pending refund committed — and both would take the last of it.
    if (lock && dialectOf(trx) === "mysql") query.forShare();
    const row = await query;
    return Number(row?.total ?? 0);
  }

  /** Moves a pending refund to its outcome; false when it is no longer pending (a concurrent retry settled it). */
  async settle(
    id: string,
    outcome: { status: "refunded"; gatewayReference: string | null } | { status: "failed"; reason: string },
    now: number,
    trx: Database = this.db,
  ): Promise<boolean> {
    const changes =
      outcome.status === "refunded"
        ? { status: "refunded", gateway_reference: outcome.gatewayReference?.slice(0, 255) ?? null, updated_at: now }
        : { status: "failed", failure_reason: outcome.reason.slice(0, 255), updated_at: now };
    return (await trx("refunds").where({ id, status: "pending" }).update(changes)) === 1;
  }
}
