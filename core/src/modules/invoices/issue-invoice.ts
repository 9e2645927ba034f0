import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { newId } from "../../kernel/ids.js";
import type { Brand } from "../brands/index.js";
import { ChoosePayer } from "../payers/index.js";
import { InvoiceRepository } from "./invoice.repository.js";
import { invoiceTotals, withoutVat, type Invoice, type InvoiceLine, type InvoicePurpose } from "./invoice.js";
import { DAY_MS } from "../../kernel/time.js";

export interface InvoiceToIssue {
  brand: Brand;
  accountId: string;
  currency: string;
  purpose: InvoicePurpose;
  lines: Omit<InvoiceLine, "amount">[];
  dueInDays?: number;
  /** Who it is made out to: one of the account's payers; the account's default payer when absent. */
  payerId?: string | null;
  /** When `payerId` is gone (deleted) or no longer served: the default payer instead of a refusal (renewals). */
  payerOrDefault?: boolean;
}

/**
 * Issues an invoice with the brand's next number, made out to the chosen (or the default)
 * payer, with the VAT the brand's rule gives that payer (the reverse charge: 0 %, the lines at
 * their prices without VAT), inside the caller's transaction
 * (an order that needs it commits or rolls back with it). `invoice.issued` reaches its
 * transactional subscribers (the notifications' outbox) inside that transaction, and the
 * others once it commits, never before (they would not find the invoice yet) and never for
 * a rolled-back one.
 */
@injectable()
export class IssueInvoice {
  constructor(
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(ChoosePayer) private readonly choosePayer: ChoosePayer,
  ) {}

  async execute(trx: Database, input: InvoiceToIssue): Promise<Invoice> {
    if (input.lines.length === 0) throw new Error("An invoice needs at least one line");
    // Lines come from the price rule, which never goes below zero: anything else is a bug.
    for (const l of input.lines) {
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || !Number.isSafeInteger(l.unitAmount) || l.unitAmount < 0) {
        throw new Error(`An invoice line needs a quantity of at least 1 and a unit amount of at least 0, got ${l.quantity} × ${l.unitAmount}`);
      }
    }
    // The payer first: a payer that cannot be invoiced (gone, unserved country) refuses before a number is taken.
    const { payer, vat } = await this.choosePayer.execute(trx, input.brand, input.accountId, input.payerId, { orDefault: input.payerOrDefault });
    const now = this.clock.now();
    const year = new Date(now).getUTCFullYear();
    // Under the reverse charge the payer owes no VAT: a brand whose prices include it invoices
    // them without it (each unit's net price), so the total — what is charged — is the net.
    const net = vat.note === "reverse_charge" && input.brand.vatInclusive && input.brand.vatRateBp > 0;
    const lines = input.lines.map((l) => {
      const unitAmount = net ? withoutVat(l.unitAmount, input.brand.vatRateBp) : l.unitAmount;
      return { ...l, unitAmount, amount: unitAmount * l.quantity };
    });
    const totals = invoiceTotals(lines.map((l) => l.amount), vat.taxRateBp, input.brand.vatInclusive);
    const sequence = await this.invoices.takeNextNumber(input.brand.id, year, trx);
    const invoice: Invoice = {
      id: newId("inv", now),
      brandId: input.brand.id,
      accountId: input.accountId,
      number: `${input.brand.invoicePrefix}-${year}-${String(sequence).padStart(6, "0")}`,
      status: "issued",
      purpose: input.purpose,
      currency: input.currency,
      ...totals,
      taxRateBp: vat.taxRateBp,
      taxInclusive: input.brand.vatInclusive,
      issuedAt: now,
      dueAt: now + (input.dueInDays ?? 14) * DAY_MS,
      paidAt: null,
      voidedAt: null,
      lines,
      payer,
      taxNote: vat.note,
      paidMethod: null,
    };
    await this.invoices.insert(invoice, sequence, trx);
    // Its notifications commit with the invoice (an outbox); the other subscribers hear of it after the commit.
    await this.events.publishWithin(trx, "invoice.issued", { invoiceId: invoice.id, accountId: invoice.accountId, purpose: invoice.purpose });
    return invoice;
  }
}
