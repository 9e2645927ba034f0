import { inject, injectable } from "tsyringe";
import { BrandDirectory } from "../brands/index.js";
import { FindInvoice } from "../invoices/index.js";
import { IssueDocument } from "./issue-document.js";
import type { StoredDocument } from "./document.js";

/** The document of an invoice, issued when the invoice is (`invoice.issued`); once per invoice. */
@injectable()
export class IssueInvoiceDocument {
  constructor(
    @inject(FindInvoice) private readonly invoices: FindInvoice,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(IssueDocument) private readonly issue: IssueDocument,
  ) {}

  async execute(accountId: string, invoiceId: string): Promise<StoredDocument> {
    const invoice = await this.invoices.execute(accountId, invoiceId);
    if (!invoice) throw new Error(`No invoice ${invoiceId} for account ${accountId}`);
    const brand = await this.brands.byId(invoice.brandId);
    if (!brand) throw new Error(`No brand ${invoice.brandId}`);
    return this.issue.execute({
      brand,
      accountId,
      kind: "invoice",
      dedupeKey: `invoice:${invoice.id}`,
      number: invoice.number,
      reference: { type: "invoice", id: invoice.id },
      currency: invoice.currency,
      data: {
        invoice: {
          number: invoice.number,
          issuedAt: invoice.issuedAt,
          dueAt: invoice.dueAt,
          lines: invoice.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitAmount: l.unitAmount, amount: l.amount })),
          subtotal: invoice.subtotal,
          tax: invoice.tax,
          total: invoice.total,
          taxRatePercent: invoice.taxRateBp / 100,
          taxInclusive: invoice.taxInclusive,
        },
      },
    });
  }
}
