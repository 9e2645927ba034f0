import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { PaymentRepository } from "./payment.repository.js";
import { SettlePayment, type GatewayResult } from "./settle-payment.js";

export interface PaymentRecovery {
  looked: number;
  settled: number;
  expired: number;
}

/**
 * For the recovery sweep: a payment still `pending` after `recovery.paymentsAfterMs` may have
 * lost its webhook (the process that received it died, or the gateway gave up sending), and
 * the client may never come back to it. The gateway is asked, and its answer settled as the
 * webhook would have; one still pending after `recovery.paymentsExpireAfterMs` is cancelled at
 * the gateway (when it can) and failed as expired — money that arrives after all still settles
 * it (SettlePayment accepts `failed` → `succeeded`). Each payment is claimed before the gateway
 * call, so several nodes sweeping at once ask once.
 */
@injectable()
export class RecoverPendingPayments {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(SettlePayment) private readonly settle: SettlePayment,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async execute(limit = 200): Promise<PaymentRecovery> {
    const { paymentsAfterMs, paymentsExpireAfterMs } = this.config.recovery;
    const now = this.clock.now();
    const outcome: PaymentRecovery = { looked: 0, settled: 0, expired: 0 };
    for (const { payment, updatedAt } of await this.payments.listPendingUntouchedSince(now - paymentsAfterMs, limit)) {
      if (!(await this.payments.claimLook(payment.id, updatedAt, now))) continue;
      outcome.looked++;
      const gateway = this.extensions.get("payment-gateway", payment.gateway);
      let result: GatewayResult | undefined;
      if (gateway && payment.gatewayReference) {
        try {
          const status = await gateway.fetchStatus(payment.gatewayReference);
          if (status.result !== "pending") result = { result: status.result, amount: status.amount };
        } catch (error) {
          this.logger.warn({ err: error, paymentId: payment.id }, "recovery: payment status check failed; asked again next sweep");
          continue;
        }
      }
      const expired = !result && payment.createdAt < now - paymentsExpireAfterMs;
      if (expired) {
        if (gateway?.cancelPayment && payment.gatewayReference) {
          try {
            await gateway.cancelPayment(payment.gatewayReference);
          } catch (error) {
            // Not cancelled at the gateway: still failed here; a late success settles it anyway.
            this.logger.warn({ err: error, paymentId: payment.id }, "recovery: cancelling an expired payment at its gateway failed");
          }
        }
        result = { result: "failed", reason: "expired" };
      }
      if (!result) continue;
      const settlement = await inTransaction(this.db, (trx) => this.settle.execute(trx, payment.id, result));
      await this.settle.publish(settlement);
      if (settlement.status === "unchanged" || settlement.status === "unknown_payment") continue;
      if (expired) outcome.expired++;
      else outcome.settled++;
      this.logger.info({ paymentId: payment.id, status: settlement.status, expired }, "recovery: pending payment settled");
    }
    return outcome;
  }
}
