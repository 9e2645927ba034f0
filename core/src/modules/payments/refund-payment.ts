import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import { describeBrandPayment, describeRefund } from "./describe-brand-payment.js";
import { PaymentRepository } from "./payment.repository.js";
import { RefundRepository } from "./refund.repository.js";
import type { Refund } from "./refund.js";
import { gatewayNotEnabled, SendRefund } from "./send-refund.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * Staff give money back on a payment of their brand. The refund is stored `pending`, under an
 * id minted here, before the gateway is asked, so the request can be retried and traced by
 * that id. What may be refunded is what was received, less what is refunded and what is
 * already asked for: reckoned with the payment's row held, so two refunds at once cannot
 * both take the last of it (422 beyond it). Then {@link SendRefund} sends it.
 *
 * Under an Idempotency-Key the refund is stored with the key: the same request again answers
 * that refund as it is now and sends nothing (a refund left `pending` is sent again by retry).
 */
@injectable()
export class RefundPayment {
  constructor(
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(SendRefund) private readonly send: SendRefund,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(IdempotencyLog) private readonly idempotency: IdempotencyLog,
  ) {}

  async execute(staff: { brandId: string; staffId: string }, paymentId: string, input: { amount: number; reason: string }, idempotency?: IdempotentCall) {
    // Before the checks: once refunded in full the payment is no longer refundable, yet the replay answers.
    const earlier = await this.idempotency.recall<Refund>(idempotency);
    if (earlier) return this.current(earlier.outcome);
    const payment = await this.payments.findForBrand(staff.brandId, paymentId);
    if (!payment) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "payment", id: paymentId });
    const gateway = this.extensions.get("payment-gateway", payment.gateway);
    if (payment.status !== "succeeded") {
      throw new CabinetError(
        "CAB_ERR_CONFLICT",
        { reason: "payment not succeeded", payment: describeBrandPayment(payment, gateway) },
        "Only a payment that succeeded can be refunded.",
      );
    }
    if (!gateway) throw gatewayNotEnabled(payment.gateway);
    if (gateway.refund && !payment.gatewayReference) {
      throw new CabinetError("CAB_ERR_UNPROCESSABLE", { reason: "no gateway reference" }, "The gateway never gave this payment a reference to refund it by.");
    }

    const { outcome: refund, replayed } = await this.idempotency.run(idempotency, async (trx) => {
      const current = findOrFail(await this.payments.findForBrand(staff.brandId, paymentId, trx, true), "payment", paymentId);
      const refundable = (current.receivedAmount ?? current.amount) - current.refundedAmount - (await this.refunds.sumPending(paymentId, trx, true));
      if (input.amount > refundable) {
        throw new CabinetError(
          "CAB_ERR_UNPROCESSABLE",
          { reason: "more than is left to refund", refundable: { amount: Math.max(0, refundable), currency: current.currency } },
          "The refund is larger than what is left to refund on this payment.",
        );
      }
      const now = this.clock.now();
      const refund: Refund = {
        id: newId("rfd", now),
        paymentId,
        accountId: current.accountId,
        amount: input.amount,
        currency: current.currency,
        status: "pending",
        reason: input.reason,
        gatewayReference: null,
        failureReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await this.refunds.insert(refund, trx);
      return refund;
    });
    if (replayed) return this.current(refund);
    return this.send.execute(payment, refund, staff.staffId);
  }

  private async current(refund: Refund) {
    return describeRefund(findOrFail(await this.refunds.findForPayment(refund.paymentId, refund.id), "refund", refund.id));
  }
}
