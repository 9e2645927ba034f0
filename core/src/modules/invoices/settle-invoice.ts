import { inject, injectable } from "tsyringe";
import { localText } from "../../i18n/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { InvoiceRepository } from "./invoice.repository.js";
import type { Invoice } from "./invoice.js";

export type SettleInvoiceResult =
  | { status: "paid"; invoice: Invoice }
  | { status: "already_paid"; invoice: Invoice }
  | { status: "not_payable"; invoice: Invoice }
  | { status: "insufficient_funds"; invoice: Invoice; available: number };

/**
 * Pays an invoice from the balance inside the caller's transaction: one charge entry keyed by
 * the invoice (so it is charged at most once, whoever pays it, however often) and the invoice
 * marked paid. On a refusal nothing is written: the caller rolls back or carries on.
 */
@injectable()
export class SettleInvoice {
  constructor(
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** `method`: how it is paid, printed on the paid invoice (`balance`, or a payment gateway's id). */
  async execute(trx: Database, accountId: string, invoiceId: string, method = "balance"): Promise<SettleInvoiceResult> {
    const invoice = await this.invoices.findForAccount(accountId, invoiceId, trx, true);
    if (!invoice) throw new Error(`No invoice ${invoiceId} for account ${accountId}`);
    if (invoice.status === "paid") return { status: "already_paid", invoice };
    if (invoice.status !== "issued") return { status: "not_payable", invoice };
    const charge = await this.postEntry.execute(trx, {
      accountId,
      amount: -invoice.total,
      currency: invoice.currency,
      kind: "charge",
      reference: { type: "invoice", id: invoice.id },
      description: localText("ledger.invoice", { number: invoice.number }),
      idempotencyKey: `invoice:${invoice.id}:charge`,
    });
    if (charge.status === "insufficient_funds") return { status: "insufficient_funds", invoice, available: charge.available };
    if (charge.status === "currency_mismatch") return { status: "not_payable", invoice };
    const now = this.clock.now();
    if (!(await this.invoices.markPaid(invoice.id, now, trx, method))) {
      // Voided or paid by a concurrent transaction between our read and now.
      throw new Error(`Invoice ${invoice.id} changed while it was being paid`);
    }
    return { status: "paid", invoice: { ...invoice, status: "paid", paidAt: now, paidMethod: method } };
  }
}
