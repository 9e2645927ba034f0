import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { describeRefund } from "./describe-brand-payment.js";
import { PaymentRepository } from "./payment.repository.js";
import { RefundRepository } from "./refund.repository.js";
import { SendRefund } from "./send-refund.js";

/**
 * Sends a refund the gateway did not answer for again, under the same refund id, so the
 * gateway recognises it and refunds at most once. Only a pending refund can be retried (409
 * with its state otherwise); a failed one stays failed — ask for a new refund instead.
 */
@injectable()
export class RetryRefund {
  constructor(
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(SendRefund) private readonly send: SendRefund,
  ) {}

  async execute(staff: { brandId: string; staffId: string }, paymentId: string, refundId: string) {
    const payment = await this.payments.findForBrand(staff.brandId, paymentId);
    const refund = payment && (await this.refunds.findForPayment(payment.id, refundId));
    if (!payment || !refund) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "refund", id: refundId });
    if (refund.status !== "pending") {
      throw new CabinetError("CAB_ERR_CONFLICT", { reason: "refund not pending", refund: describeRefund(refund) }, `This refund is already ${refund.status}.`);
    }
    return this.send.execute(payment, refund, staff.staffId);
  }
}
