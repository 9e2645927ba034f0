import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { describeBrandPayment } from "./describe-brand-payment.js";
import { PaymentRepository } from "./payment.repository.js";
import type { Payment } from "./payment.js";
import { SettlePayment } from "./settle-payment.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * Staff saw a client's bank transfer arrive and say how much came. The payment settles through
 * {@link SettlePayment} with that amount: it is what the balance is credited, and the invoices
 * the payment was for are paid from the balance as far as it reaches (an invoice it does not
 * cover stays open; an over-payment stays on the balance). At most once: the settlement moves
 * the payment from `pending` in one conditional UPDATE, so of two confirmations at once one
 * credits and the other answers 409 with the payment as it now is.
 *
 * Only payments whose client was given transfer instructions are confirmed by hand; money
 * through any other gateway is that gateway's to report.
 */
@injectable()
export class ConfirmBankTransfer {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(SettlePayment) private readonly settle: SettlePayment,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(staff: { brandId: string; staffId: string }, paymentId: string, receivedAmount: number) {
    const payment = await this.payments.findForBrand(staff.brandId, paymentId);
    if (!payment) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "payment", id: paymentId });
    if (payment.nextAction?.kind !== "instructions") {
      throw new CabinetError("CAB_ERR_UNPROCESSABLE", { reason: "not a transfer", gateway: payment.gateway }, "This payment is not a transfer staff confirm.");
    }
    if (payment.status !== "pending") throw this.alreadySettled(payment);

    const settlement = await inTransaction(this.db, (trx) =>
      this.settle.execute(trx, payment.id, { result: "succeeded", amount: { amount: receivedAmount, currency: payment.currency } }),
    );
    const current = findOrFail(await this.payments.findForBrand(staff.brandId, paymentId), "payment", paymentId);
    if (settlement.status !== "succeeded") throw this.alreadySettled(current);
    await this.settle.publish(settlement);
    await this.events.publish("payment.transfer_confirmed", {
      paymentId,
      accountId: payment.accountId,
      staffId: staff.staffId,
      receivedAmount,
      currency: payment.currency,
    });
    return describeBrandPayment(current, this.extensions.get("payment-gateway", payment.gateway));
  }

  private alreadySettled(payment: Payment): CabinetError {
    return new CabinetError(
      "CAB_ERR_CONFLICT",
      { reason: "payment not pending", payment: describeBrandPayment(payment, this.extensions.get("payment-gateway", payment.gateway)) },
      "This payment is no longer pending: it was confirmed or settled already.",
    );
  }
}
