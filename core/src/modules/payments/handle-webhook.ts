import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { PaymentRepository } from "./payment.repository.js";
import { SettlePayment, type Settlement } from "./settle-payment.js";

/**
 * A gateway's webhook: verified by its plugin over the raw body, deduplicated by (gateway,
 * event id) in the same transaction that settles the payment, so a replayed, duplicated or
 * out-of-order delivery changes nothing. Anything verified is acknowledged with 200, even for
 * an unknown payment, so the gateway stops retrying; a forged one gets 400.
 */
@injectable()
export class HandleWebhook {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(PaymentRepository) private readonly payments: PaymentRepository,
    @inject(SettlePayment) private readonly settle: SettlePayment,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async execute(gatewayId: string, headers: Record<string, string | string[] | undefined>, rawBody: Buffer): Promise<{ received: true; outcome: string }> {
    const gateway = this.extensions.get("payment-gateway", gatewayId);
    if (!gateway) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "gateway", id: gatewayId });
    const parsed = await gateway.parseWebhook({ headers, rawBody });
    if (parsed.status === "rejected") {
      this.logger.warn({ gateway: gatewayId, reason: parsed.reason }, "webhook rejected");
      throw new CabinetError("CAB_ERR_WEBHOOK_REJECTED", { reason: parsed.reason });
    }
    if (parsed.status === "ignored") return { received: true, outcome: "ignored" };

    const event = parsed;
    let settlement: Settlement | null = null;
    const outcome = await inTransaction(this.db, async (trx) => {
      settlement = null;
      const payment = await this.payments.find(event.paymentId, trx);
      const first = await this.payments.recordWebhookEvent(
        gatewayId,
        event.eventId,
        payment ? payment.id : null,
        payment ? event.result : "unknown_payment",
        this.clock.now(),
        trx,
      );
      if (!first) return "duplicate";
      if (!payment || payment.gateway !== gatewayId) return "unknown_payment";
      settlement = await this.settle.execute(trx, payment.id, event);
      return settlement.status;
    });
    if (settlement) await this.settle.publish(settlement);
    return { received: true, outcome };
  }
}
