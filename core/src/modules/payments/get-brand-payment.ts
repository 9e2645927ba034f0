import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { describeBrandPayment, describeRefund } from "./describe-brand-payment.js";
import { PaymentRepository } from "./payment.repository.js";
import { RefundRepository } from "./refund.repository.js";

/** One payment of the brand with its refunds, for its staff. Another brand's payment answers 404. */
@injectable()
export class GetBrandPayment {
  constructor(
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
  ) {}

  async execute(staff: { brandId: string }, paymentId: string) {
    const payment = await this.payments.findForBrand(staff.brandId, paymentId);
    if (!payment) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "payment", id: paymentId });
    const refunds = await this.refunds.listForPayment(payment.id);
    return { ...describeBrandPayment(payment, this.extensions.get("payment-gateway", payment.gateway)), refunds: refunds.map(describeRefund) };
  }
}
