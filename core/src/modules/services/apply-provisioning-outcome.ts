import { inject, injectable } from "tsyringe";
import { localText } from "../../i18n/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import type { ProvisionAction } from "../../extension-points/provisioner.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { ServiceLifecycle } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";
import type { Service } from "./service.js";

import type { ProvisioningOutcome } from "../provisioning/index.js";
export type { ProvisioningOutcome } from "../provisioning/index.js";

/** The ledger key of the refund for a create that was given up: once per provisioning attempt. */
export const provisioningRefundKey = (service: Pick<Service, "id" | "provisionSeq">) => `service:${service.id}:provisioning-refund:${service.provisionSeq}`;

/**
 * Records what a provisioner finally said about an action (at once, or later through
 * `ProvisioningReports`). A create that is done makes the service active; a create that
 * failed for good leaves it `provisioning_failed` with the reason, and refunds what the order
 * charged for it to the balance (once: the ledger key names the attempt). For the other actions
 * the service keeps its status; a failure is shown in statusReason. An outcome for an action
 * the service no longer awaits (`seq` given and older, or another action) changes nothing.
 */
@injectable()
export class ApplyProvisioningOutcome {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
  ) {}

  execute(input: { serviceId: string; action: ProvisionAction; seq?: number; outcome: ProvisioningOutcome }): Promise<"applied" | "ignored"> {
    return inTransaction(this.db, async (trx) => {
      const service = await this.services.findById(input.serviceId, trx, true);
      if (!service || service.provisionAction !== input.action || (input.seq !== undefined && input.seq !== service.provisionSeq)) return "ignored";
      const { outcome } = input;
      if (input.action === "create") {
        if (service.status !== "provisioning") return "ignored";
        if (outcome.status === "done") {
          await this.lifecycle.apply(trx, service, {
            to: "active",
            action: "provisioned",
            actor: "system",
            details: outcome.data ? { data: outcome.data } : undefined,
            changes: { statusReason: null, provisionAction: null },
            events: [{ name: "service.activated", payload: { accountId: service.accountId, serviceId: service.id } }],
          });
        } else {
          await this.refundOrder(trx, service);
          await this.lifecycle.apply(trx, service, {
            to: "provisioning_failed",
            action: "provisioning_failed",
            actor: "system",
            details: { reason: outcome.reason, refunded: service.orderCharge },
            changes: { statusReason: outcome.reason, provisionAction: null },
            events: [{ name: "service.provisioning_failed", payload: { accountId: service.accountId, serviceId: service.id, reason: outcome.reason } }],
          });
        }
        return "applied";
      }
      await this.lifecycle.apply(trx, service, {
        action: outcome.status === "done" ? `provisioned:${input.action}` : `provisioning_failed:${input.action}`,
        actor: "system",
        details: outcome.status === "done" ? undefined : { reason: outcome.reason },
        changes: { provisionAction: null, statusReason: outcome.status === "done" ? service.statusReason : `${input.action} failed: ${outcome.reason}` },
        quiet: outcome.status === "done", // the history already shows the change that asked for it
      });
      return "applied";
    });
  }

  private async refundOrder(trx: Database, service: Service): Promise<void> {
    if (service.orderCharge <= 0) return;
    await this.postEntry.execute(trx, {
      accountId: service.accountId,
      amount: service.orderCharge,
      currency: service.price.currency,
      kind: "refund",
      reference: { type: "service", id: service.id },
      description: localText("ledger.refund_not_provisioned", { service: service.label ?? service.id }),
      idempotencyKey: provisioningRefundKey(service),
      allowOverdraft: true,
    });
  }
}
