import { inject, injectable } from "tsyringe";
import { localText } from "../../i18n/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { illegalTransition, ServiceLifecycle } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";
import type { Actor, Service } from "./service.js";

/**
 * Tries a failed service again (staff, or a job): back to `provisioning` and a new create
 * call. Its order charge was refunded when it failed, so it is charged again first (402 when
 * the balance is short, nothing changed) — the service is never provisioned unpaid.
 *
 * A service still in `provisioning` whose create was asked for longer than
 * `recovery.provisioningAfterMs` ago (its job lost, its provisioner silent) may be retried too:
 * a new create call with a new sequence number, so a late answer to the old one is ignored. It
 * was never refunded, so it is not charged again. Sooner than that, 409 as from any other status.
 */
@injectable()
export class RetryProvisioning {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  execute(request: { accountId: string; serviceId: string; actor: Actor }): Promise<Service> {
    return inTransaction(this.db, async (trx) => {
      const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
      if (service.status === "provisioning_failed" && service.orderCharge > 0) {
        const charge = await this.postEntry.execute(trx, {
          accountId: service.accountId,
          amount: -service.orderCharge,
          currency: service.price.currency,
          kind: "charge",
          reference: { type: "service", id: service.id },
          description: localText("ledger.order_retried", { service: service.label ?? service.id }),
          idempotencyKey: `service:${service.id}:provisioning-retry:${service.provisionSeq + 1}`,
        });
        if (charge.status === "insufficient_funds") {
          throw new CabinetError("CAB_ERR_INSUFFICIENT_FUNDS", {
            required: { amount: service.orderCharge, currency: service.price.currency },
            available: { amount: charge.available, currency: service.price.currency },
          });
        }
      }
      if (service.status === "provisioning") {
        const askedAt = await this.services.provisionRequestedAt(service.id, trx);
        const stuckSince = this.clock.now() - this.config.recovery.provisioningAfterMs;
        if (askedAt !== null && askedAt >= stuckSince) throw illegalTransition(service, "retry");
        return this.lifecycle.apply(trx, service, {
          action: "retry",
          actor: request.actor,
          details: { stuck: true },
          changes: { statusReason: null },
          provision: "create",
        });
      }
      return this.lifecycle.apply(trx, service, {
        to: "provisioning",
        action: "retry",
        actor: request.actor,
        changes: { statusReason: null },
        provision: "create",
      });
    });
  }
}
