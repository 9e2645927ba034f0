import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import type { PayerInvoices } from "../payers/index.js";
import { InvoiceRepository } from "./invoice.repository.js";

/** Answers the payers module's question (`TOKENS.PayerInvoices`): a payer's open invoices, before it is deleted. */
@injectable()
export class OpenInvoicesOfPayers implements PayerInvoices {
  constructor(@inject(InvoiceRepository) private readonly invoices: InvoiceRepository) {}

  countOpen(accountId: string, payerId: string, trx?: Database): Promise<number> {
    return this.invoices.countOpenForPayer(accountId, payerId, trx);
  }
}
