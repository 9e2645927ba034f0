import { inject, injectable } from "tsyringe";
import { InvoiceRepository } from "./invoice.repository.js";

/** Which of these (account, invoice) pairs are paid: for the recovery sweep, in one query. */
@injectable()
export class FindPaidInvoices {
  constructor(@inject(InvoiceRepository) private readonly invoices: InvoiceRepository) {}

  async execute(pairs: { accountId: string; invoiceId: string }[]): Promise<{ accountId: string; invoiceId: string }[]> {
    if (pairs.length === 0) return [];
    const paid = await this.invoices.listPaidAmong(pairs);
    const key = (p: { accountId: string; invoiceId: string }) => `${p.accountId} ${p.invoiceId}`;
    const paidKeys = new Set(paid.map(key));
    return pairs.filter((p) => paidKeys.has(key(p)));
  }
}
