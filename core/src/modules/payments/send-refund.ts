import { inject, injectable } from "tsyringe";
import { localText } from "../../i18n/index.js";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { describeRefund } from "./describe-brand-payment.js";
import { PaymentRepository } from "./payment.repository.js";
import type { Payment } from "./payment.js";
import { RefundRepository } from "./refund.repository.js";
import type { Refund } from "./refund.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * Sends a pending refund: asks the payment's gateway to give the money back, under the
 * refund's own id (so a retry is the same request to the gateway, never a second refund), and
 * records what it says. A gateway without `refund` (a bank transfer) cannot send money: the
 * refund is recorded as refunded at once and staff send the money by hand.
 *
 * - refunded: one transaction marks the refund, adds it to the payment's refunded amount and
 *   posts the negative ledger entry keyed `refund:<id>`;
 * - refused (`failed`): the refund is failed with the gateway's reason; no money moves (422);
 * - a fault (the gateway threw): the refund stays pending, and 502 says to retry it.
 */
@injectable()
export class SendRefund {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async execute(payment: Payment, refund: Refund, staffId: string) {
    const gateway = this.extensions.get("payment-gateway", payment.gateway);
    if (!gateway) throw gatewayNotEnabled(payment.gateway);

    let outcome: { status: "refunded"; gatewayReference: string | null } | { status: "failed"; reason: string };
    if (!gateway.refund) {
      outcome = { status: "refunded", gatewayReference: null };
    } else {
      try {
        outcome = await gateway.refund({
          paymentId: payment.id,
          gatewayReference: payment.gatewayReference!,
          amount: { amount: refund.amount, currency: refund.currency },
          refundId: refund.id,
        });
      } catch (error) {
        this.logger.warn(
          { err: error, paymentId: payment.id, refundId: refund.id, gateway: gateway.id },
          "refund: the gateway did not answer; the refund stays pending",
        );
        throw new CabinetError("CAB_ERR_GATEWAY_UNAVAILABLE", { paymentId: payment.id, refundId: refund.id, gateway: gateway.id });
      }
    }

    if (outcome.status === "failed") {
      // False when a concurrent retry settled it first; its outcome then stands.
      if (await this.refunds.settle(refund.id, { status: "failed", reason: outcome.reason }, this.clock.now())) {
        throw new CabinetError("CAB_ERR_REFUND_REFUSED", { refundId: refund.id, reason: outcome.reason });
      }
      return this.current(refund);
    }

    const { gatewayReference } = outcome;
    const booked = await inTransaction(this.db, async (trx) => {
      const now = this.clock.now();
      // Held until commit: refunds of one payment are booked (and reckoned) one at a time.
      const current = findOrFail(await this.payments.findForBrand(payment.brandId, payment.id, trx, true), "payment", payment.id);
      if (!(await this.refunds.settle(refund.id, { status: "refunded", gatewayReference }, now, trx))) return false;
      if (!(await this.payments.addRefunded(payment.id, current.refundedAmount, refund.amount, now, trx))) {
        throw new Error(`Refunded amount of payment ${payment.id} moved while its row was held`);
      }
      await this.postEntry.execute(trx, {
        accountId: payment.accountId,
        amount: -refund.amount,
        currency: refund.currency,
        kind: "refund",
        reference: { type: "payment", id: payment.id },
        description: localText("ledger.refund_payment", { payment: payment.id }),
        idempotencyKey: `refund:${refund.id}`,
        // The money has gone back to the client; the ledger must say so even if it was spent.
        allowOverdraft: true,
      });
      return true;
    });
    if (booked) {
      await this.events.publish("payment.refunded", {
        paymentId: payment.id,
        refundId: refund.id,
        accountId: payment.accountId,
        amount: refund.amount,
        currency: refund.currency,
        staffId,
      });
    }
    return this.current(refund);
  }

  private async current(refund: Refund) {
    return describeRefund(findOrFail(await this.refunds.findForPayment(refund.paymentId, refund.id), "refund", refund.id));
  }
}

export function gatewayNotEnabled(gateway: string): CabinetError {
  return new CabinetError("CAB_ERR_UNPROCESSABLE", { reason: "gateway not enabled", gateway }, "The payment's gateway is not enabled, so it cannot refund.");
}
