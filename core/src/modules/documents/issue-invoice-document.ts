import { inject, injectable } from "tsyringe";
import { BrandDirectory } from "../brands/index.js";
import { FindInvoice, lineDescription } from "../invoices/index.js";
import { IssueDocument } from "./issue-document.js";
import type { StoredDocument } from "./document.js";
import { DAY_MS } from "../../kernel/time.js";

/**
 * The document of an invoice: issued when the invoice is (`invoice.issued`), with the payment
 * instructions; and once it is paid (`invoice.paid`), the paid copy — marked paid, with the
 * date and how, and no instructions. Each once per invoice. Both carry the payer the invoice
 * was made out to, as the invoice holds it.
 */
@injectable()
export class IssueInvoiceDocument {
  constructor(
    @inject(FindInvoice) private readonly invoices: FindInvoice,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(IssueDocument) private readonly issue: IssueDocument,
  ) {}

  async execute(accountId: string, invoiceId: string, copy: "issued" | "paid" = "issued"): Promise<StoredDocument | null> {
    const invoice = await this.invoices.execute(accountId, invoiceId);
    if (!invoice) throw new Error(`No invoice ${invoiceId} for account ${accountId}`);
    if (copy === "paid" && invoice.status !== "paid") return null;
    const brand = await this.brands.byId(invoice.brandId);
    if (!brand) throw new Error(`No brand ${invoice.brandId}`);
    const paid = copy === "paid";
    return this.issue.execute({
      brand,
      accountId,
      kind: "invoice",
      dedupeKey: paid ? `invoice:${invoice.id}:paid` : `invoice:${invoice.id}`,
      number: invoice.number,
      reference: { type: "invoice", id: invoice.id },
      currency: invoice.currency,
      payer: invoice.payer,
      data: (locale) => ({
        invoice: {
          number: invoice.number,
          issuedAt: invoice.issuedAt,
          dueAt: invoice.dueAt,
          purpose: invoice.purpose,
          lines: invoice.lines.map((l) => ({
            description: lineDescription(l, locale),
            quantity: l.quantity,
            unitAmount: l.unitAmount,
            amount: l.amount,
            months: l.months ?? null,
            period: l.period ? { from: l.period.start, to: l.period.end - DAY_MS } : null,
          })),
          subtotal: invoice.subtotal,
          tax: invoice.tax,
          total: invoice.total,
          taxRatePercent: invoice.taxRateBp / 100,
          taxInclusive: invoice.taxInclusive,
          reverseCharge: invoice.taxNote === "reverse_charge",
          paid: paid ? { at: invoice.paidAt, method: invoice.paidMethod ?? "balance" } : null,
        },
      }),
    });
  }
}
