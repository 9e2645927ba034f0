import { inject, injectable } from "tsyringe";
import { InvoiceRepository } from "./invoice.repository.js";
import type { Invoice } from "./invoice.js";
import type { Database } from "../../db/create-database.js";

/** An invoice of an account, for other modules (documents) that must not read the invoices tables. */
@injectable()
export class FindInvoice {
  constructor(@inject(InvoiceRepository) private readonly invoices: InvoiceRepository) {}

  /** `trx`: inside the caller's transaction (on SQLite its one connection is the transaction's). */
  execute(accountId: string, invoiceId: string, trx?: Database): Promise<Invoice | undefined> {
    return this.invoices.findForAccount(accountId, invoiceId, trx);
  }
}
