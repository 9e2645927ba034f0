import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { FindInvoice } from "../invoices/find-invoice.js";
import { ServiceRepository } from "./service.repository.js";

/**
 * An order's invoice is paid: the services it was for leave `pending_payment` for
 * `provisioning`, where a provisioner takes them on. Only services of the same account that
 * were still waiting move; a replayed event moves nothing.
 */
@injectable()
export class StartPaidServices {
  constructor(
    @inject(FindInvoice) private readonly invoices: FindInvoice,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(accountId: string, invoiceId: string): Promise<string[]> {
    const invoice = await this.invoices.execute(accountId, invoiceId);
    const serviceIds = (invoice?.lines ?? []).map((line) => line.serviceId).filter((id): id is string => id !== null);
    if (serviceIds.length === 0) return [];
    return this.services.moveStatus(accountId, serviceIds, "pending_payment", "provisioning", this.clock.now());
  }
}
