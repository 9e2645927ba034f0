import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { InvoiceRepository } from "./invoice.repository.js";

/** Who each of an account's invoices is made out to, for other modules (documents: a payer's statement) that must not read the invoices tables. */
@injectable()
export class InvoicePayers {
  constructor(@inject(InvoiceRepository) private readonly invoices: InvoiceRepository) {}

  /** By invoice id: its payer's id, or null for an invoice from before payers; unknown ids are absent. */
  execute(accountId: string, invoiceIds: string[], trx?: Database): Promise<Map<string, string | null>> {
    return this.invoices.payersOf(accountId, [...new Set(invoiceIds)], trx);
  }
}
