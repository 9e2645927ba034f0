import { inject, injectable } from "tsyringe";
import { AccountLanguage } from "../accounts/index.js";
import { decodeCursor, toPage } from "../../http/pagination.js";
import type { AuthContext } from "../accounts/index.js";
import { describeInvoice } from "./describe-invoice.js";
import { InvoiceRepository } from "./invoice.repository.js";
import type { InvoiceStatus } from "./invoice.js";

/** A page of the account's invoices, newest first: two queries whatever the page size. */
@injectable()
export class ListInvoices {
  constructor(
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, query: { status?: InvoiceStatus; payerId?: string; cursor?: string; limit?: number }) {
    const limit = query.limit ?? 20;
    const beforeId = decodeCursor(query.cursor, "inv");
    const rows = await this.invoices.listForAccount(auth.accountId, { status: query.status, payerId: query.payerId, beforeId, limit: limit + 1 });
    const locale = await this.language.of(auth.accountId);
    return toPage(rows, limit, (invoice) => describeInvoice(invoice, locale));
  }
}
