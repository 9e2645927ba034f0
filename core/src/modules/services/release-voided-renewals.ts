import { inject, injectable } from "tsyringe";
import { ServiceRepository } from "./service.repository.js";

/**
 * A renewal invoice was voided: its unpaid `service_renewals` rows are removed, so the period
 * can be renewed (and invoiced) again — otherwise the UNIQUE (service, period) would keep
 * pointing every renewal at the void invoice.
 */
@injectable()
export class ReleaseVoidedRenewals {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  execute(accountId: string, invoiceId: string): Promise<number> {
    return this.services.deleteUnpaidRenewals(accountId, invoiceId);
  }
}
