import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { AccountLanguage, type AuthContext } from "../accounts/index.js";
import { describePayment } from "./describe-payment.js";
import { PaymentRepository } from "./payment.repository.js";
import { SettlePayment } from "./settle-payment.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * The client is back from the gateway's page: ask the gateway itself what happened (the
 * return URL's query string proves nothing) and settle accordingly. Also a plain read when
 * the payment is no longer pending.
 */
@injectable()
export class RefreshPayment {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(SettlePayment) private readonly settle: SettlePayment,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, paymentId: string) {
    const payment = await this.payments.findForAccount(auth.accountId, paymentId);
    if (!payment) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "payment", id: paymentId });
    const gateway = this.extensions.get("payment-gateway", payment.gateway);
    const locale = await this.language.of(auth.accountId);
    if (payment.status !== "pending" || !payment.gatewayReference || !gateway) return describePayment(payment, locale);

    let status;
    try {
      status = await gateway.fetchStatus(payment.gatewayReference);
    } catch (error) {
      this.logger.warn({ err: error, paymentId }, "payment status check failed; the payment stays pending");
      return describePayment(payment, locale);
    }
    const { result, amount } = status;
    if (result === "pending") return describePayment(payment, locale);
    const settlement = await inTransaction(this.db, (trx) => this.settle.execute(trx, payment.id, { result, amount }));
    await this.settle.publish(settlement);
    return describePayment(findOrFail(await this.payments.find(payment.id), "payment", payment.id), locale);
  }
}
