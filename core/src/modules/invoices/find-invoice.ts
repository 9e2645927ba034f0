import { inject, injectable } from "tsyringe";
import { InvoiceRepository } from "./invoice.repository.js";
import type { Invoice } from "./invoice.js";

/** An invoice of an account, for other modules (documents) that must not read the invoices tables. */
@injectable()
export class FindInvoice {
  constructor(@inject(InvoiceRepository) private readonly invoices: InvoiceRepository) {}

  execute(accountId: string, invoiceId: string): Promise<Invoice | undefined> {
    return this.invoices.findForAccount(accountId, invoiceId);
  }
}
