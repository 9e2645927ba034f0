import { inject, injectable } from "tsyringe";
import { localText } from "../../i18n/index.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { gatewayLedgerName } from "./gateway-name.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Money } from "../../extension-points/money.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { SettleInvoice } from "../invoices/index.js";
import type { Invoice } from "../invoices/index.js";
import { newId } from "../../kernel/ids.js";
import { PaymentRepository } from "./payment.repository.js";
import type { Payment } from "./payment.js";
import { RefundRepository } from "./refund.repository.js";

export type GatewayResult = { result: "succeeded" | "failed" | "refunded"; amount?: Money; reason?: string };

export type Settlement =
  | { status: "unknown_payment" }
  | { status: "unchanged"; payment: Payment }
  | { status: "failed"; payment: Payment }
  | { status: "succeeded"; payment: Payment; credited: number; paidInvoices: Invoice[] }
  | { status: "refunded"; payment: Payment; refunded: number; refundId: string };

/**
 * Applies what a gateway says about a payment, inside the caller's transaction, at most once:
 * the payment row changes only from `pending` (or from `failed`, when money arrived after
 * all), and the credit is a ledger entry keyed by the payment. A succeeded payment for
 * invoices then pays them from the balance it just credited; an invoice paid meanwhile in
 * another way leaves the money on the balance, never lost. `publish` afterwards, once the
 * transaction committed.
 */
@injectable()
export class SettlePayment {
  constructor(
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(SettleInvoice) private readonly settleInvoice: SettleInvoice,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
  ) {}

  async execute(trx: Database, paymentId: string, outcome: GatewayResult): Promise<Settlement> {
    const payment = await this.payments.find(paymentId, trx);
    if (!payment) return { status: "unknown_payment" };
    const now = this.clock.now();

    if (outcome.result === "failed") {
      const changed = await this.payments.settle(paymentId, { status: "failed", reason: outcome.reason ?? "declined" }, now, trx, ["pending"]);
      return changed ? { status: "failed", payment: { ...payment, status: "failed" } } : { status: "unchanged", payment };
    }

    if (outcome.result === "refunded") {
      // A total in another currency is not trusted for the amount; taking it for a refund of the
      // whole payment would debit the client on a guess, so nothing changes.
      if (payment.status !== "succeeded" || (outcome.amount && outcome.amount.currency !== payment.currency)) return { status: "unchanged", payment };
      const refundedSoFar = outcome.amount ? outcome.amount.amount : payment.amount;
      // The gateway reports its running total, which already holds the refunds the core asked
      // for and is still waiting on: those are booked by their own use case (RefundPayment,
      // under the refund's ledger key) once the gateway confirms them, so they are not counted
      // here too. Only what nobody in the core asked for (a refund in the gateway's dashboard) is.
      const inFlight = await this.refunds.sumPending(paymentId, trx);
      const delta = Math.min(refundedSoFar, payment.receivedAmount ?? payment.amount) - payment.refundedAmount - inFlight;
      if (delta <= 0) return { status: "unchanged", payment };
      if (!(await this.payments.addRefunded(paymentId, payment.refundedAmount, delta, now, trx))) return { status: "unchanged", payment };
      // Recorded as a refund too, so a payment's refunds always add up to its refunded amount.
      const refundId = newId("rfd", now);
      await this.refunds.insert(
        {
          id: refundId,
          paymentId,
          accountId: payment.accountId,
          amount: delta,
          currency: payment.currency,
          status: "refunded",
          reason: "Refunded at the payment provider",
          gatewayReference: null,
          failureReason: null,
          createdAt: now,
          updatedAt: now,
        },
        trx,
      );
      await this.postEntry.execute(trx, {
        accountId: payment.accountId,
        amount: -delta,
        currency: payment.currency,
        kind: "refund",
        reference: { type: "payment", id: payment.id },
        description: localText("ledger.refund_payment", { payment: payment.id }),
        idempotencyKey: `payment:${payment.id}:refunded-to:${payment.refundedAmount + delta}`,
        // The money has already gone back to the client; the ledger must say so even if it was spent.
        allowOverdraft: true,
      });
      return { status: "refunded", payment, refunded: delta, refundId };
    }

    // Gateways report in the payment's currency; a different one is not trusted for the amount.
    const received = outcome.amount && outcome.amount.currency === payment.currency && outcome.amount.amount > 0 ? outcome.amount.amount : payment.amount;
    if (!(await this.payments.settle(paymentId, { status: "succeeded", receivedAmount: received }, now, trx, ["pending", "failed"]))) {
      return { status: "unchanged", payment };
    }
    await this.postEntry.execute(trx, {
      accountId: payment.accountId,
      amount: received,
      currency: payment.currency,
      kind: "payment",
      reference: { type: "payment", id: payment.id },
      description: localText(payment.purpose === "top_up" ? "ledger.top_up" : "ledger.payment", {
        gateway: gatewayLedgerName(payment.gateway, this.extensions.get("payment-gateway", payment.gateway)),
      }),
      idempotencyKey: `payment:${payment.id}`,
    });
    const paidInvoices: Invoice[] = [];
    for (const invoiceId of payment.invoiceIds) {
      const result = await this.settleInvoice.execute(trx, payment.accountId, invoiceId, payment.gateway);
      if (result.status === "paid") paidInvoices.push(result.invoice);
    }
    return { status: "succeeded", payment: { ...payment, status: "succeeded", receivedAmount: received }, credited: received, paidInvoices };
  }

  /** The domain events of a committed settlement. */
  async publish(settlement: Settlement): Promise<void> {
    if (settlement.status === "succeeded") {
      const { payment } = settlement;
      await this.events.publish("payment.succeeded", {
        paymentId: payment.id,
        accountId: payment.accountId,
        amount: settlement.credited,
        currency: payment.currency,
      });
      for (const invoice of settlement.paidInvoices) {
        await this.events.publish("invoice.paid", { invoiceId: invoice.id, accountId: invoice.accountId, purpose: invoice.purpose });
      }
    } else if (settlement.status === "refunded") {
      const { payment } = settlement;
      await this.events.publish("payment.refunded", {
        paymentId: payment.id,
        refundId: settlement.refundId,
        accountId: payment.accountId,
        amount: settlement.refunded,
        currency: payment.currency,
        staffId: null,
      });
    } else if (settlement.status === "failed") {
      await this.events.publish("payment.failed", {
        paymentId: settlement.payment.id,
        accountId: settlement.payment.accountId,
        reason: settlement.payment.failureReason ?? "declined",
      });
    }
  }
}
