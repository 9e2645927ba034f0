import { inject, injectable } from "tsyringe";
import type { OpenInvoices } from "../ledger/index.js";
import { InvoiceRepository } from "./invoice.repository.js";

/** The account's issued, unpaid invoices in `currency`: their total and how many. */
@injectable()
export class SumOpenInvoices implements OpenInvoices {
  constructor(@inject(InvoiceRepository) private readonly invoices: InvoiceRepository) {}

  execute(accountId: string, currency: string): Promise<{ amount: number; count: number }> {
    return this.invoices.sumOpen(accountId, currency);
  }
}
