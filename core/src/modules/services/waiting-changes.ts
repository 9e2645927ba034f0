import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { WithdrawInvoice } from "../invoices/index.js";
import { ServiceRepository } from "./service.repository.js";
import type { Service } from "./service.js";

/**
 * An upgrade waiting for its invoice is called off when the service moves on first (another
 * change, a cancellation): its invoice is voided, so the client is not asked to pay for a change
 * that no longer fits. If the invoice was paid a moment earlier, the payment wins: 409
 * CAB_ERR_CONFLICT, nothing changed, and the paid change applies.
 */
@injectable()
export class WaitingChanges {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(WithdrawInvoice) private readonly invoices: WithdrawInvoice,
  ) {}

  async callOff(trx: Database, service: Service): Promise<void> {
    const waiting = await this.services.findWaitingChange(service.accountId, service.id, trx);
    if (!waiting) return;
    const voided = await this.invoices.execute(trx, service.accountId, waiting.invoiceId);
    if (voided === "paid") {
      throw new CabinetError(
        "CAB_ERR_CONFLICT",
        { reason: "the upgrade's invoice was just paid", invoiceId: waiting.invoiceId },
        "The upgrade's invoice was just paid: it applies now.",
      );
    }
    await this.services.settleChange(waiting.id, "void", trx);
  }
}
