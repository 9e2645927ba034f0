import { inject, injectable } from "tsyringe";
import { ServiceRepository } from "./service.repository.js";

/**
 * For the recovery sweep: invoices that services still wait on — an order's services in
 * `pending_payment`, a renewal not yet added to its service's period, an upgrade not yet
 * applied (or refunded). The caller keeps those
 * the invoices module says are paid and starts or extends their services: the `invoice.paid`
 * handler that should have done it runs in-process after the commit, and dies with the process.
 */
@injectable()
export class ListUnfinishedPaidInvoices {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  /** Pages through them by invoice id (`after`: the last of the previous page, "" to begin). */
  orders(after: string, limit: number): Promise<{ accountId: string; invoiceId: string }[]> {
    return this.services.listOrderInvoicesAwaitingServices(after, limit);
  }

  renewals(after: string, limit: number): Promise<{ accountId: string; invoiceId: string }[]> {
    return this.services.listRenewalInvoicesNotExtended(after, limit);
  }

  changes(after: string, limit: number): Promise<{ accountId: string; invoiceId: string }[]> {
    return this.services.listChangeInvoicesWaiting(after, limit);
  }
}
