import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { DEFAULT_LANGUAGE, renderText, type LocalText } from "../../i18n/index.js";
import { newId } from "../../kernel/ids.js";
import type { Brand } from "../brands/index.js";
import { ChoosePayer, priceForPayer, type ChosenPayer } from "../payers/index.js";
import { InvoiceRepository } from "./invoice.repository.js";
import { invoiceTotals, type Invoice, type InvoiceLine, type InvoicePurpose } from "./invoice.js";
import { DAY_MS } from "../../kernel/time.js";

export interface InvoiceToIssue {
  brand: Brand;
  accountId: string;
  currency: string;
  purpose: InvoicePurpose;
  /** `description`: a message key and its parameters (rendered in the account's language), or a sentence printed as is. */
  lines: (Omit<InvoiceLine, "amount" | "description" | "text"> & { description: LocalText | string })[];
  dueInDays?: number;
  /** Who it is made out to: one of the account's payers; the account's default payer when absent. */
  payerId?: string | null;
  /** The issuer tells the client of this invoice in a notification of its own (the billing run's renewals notice): `invoice.issued` raises none. */
  announcedElsewhere?: boolean;
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
    return (await this.executeMany(trx, [input]))[0];
  }

  /**
   * Several invoices at once (the billing run's renewal invoices of a batch), in the order
   * given: each made out and taxed as `execute` does, their numbers taken together — consecutive
   * per brand and year, in that order, one statement for the lot — and written in one insert
   * for the invoices and one for their lines. All or none: a payer refused stops the lot before
   * a number is taken.
   */
  async executeMany(trx: Database, inputs: InvoiceToIssue[]): Promise<Invoice[]> {
    for (const input of inputs) {
      if (input.lines.length === 0) throw new Error("An invoice needs at least one line");
      // Lines come from the price rule, which never goes below zero: anything else is a bug.
      for (const l of input.lines) {
        if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || !Number.isSafeInteger(l.unitAmount) || l.unitAmount < 0) {
          throw new Error(`An invoice line needs a quantity of at least 1 and a unit amount of at least 0, got ${l.quantity} × ${l.unitAmount}`);
        }
      }
    }
    // The payers first: a payer that cannot be invoiced (gone, unserved country) refuses before a number is taken.
    const chosen: ChosenPayer[] = [];
    for (const input of inputs)
      chosen.push(await this.choosePayer.execute(trx, input.brand, input.accountId, input.payerId, { orDefault: input.payerOrDefault }));
    const now = this.clock.now();
    const year = new Date(now).getUTCFullYear();
    // Numbers per brand, in the order the invoices come.
    const next = new Map<string, number>();
    for (const input of inputs) next.set(input.brand.id, (next.get(input.brand.id) ?? 0) + 1);
    for (const [brandId, count] of next) next.set(brandId, await this.invoices.takeNextNumbers(brandId, year, count, trx));
    const issued = inputs.map((input, i) => {
      const { payer, vat } = chosen[i];
      // Each unit at what this payer pays for it (the reverse charge at a brand whose prices
      // include VAT: without it), so the total is what the balance would have been charged.
      const lines: InvoiceLine[] = input.lines.map((l) => {
        const unitAmount = priceForPayer(input.brand, vat, l.unitAmount);
        return {
          ...l,
          unitAmount,
          description: (typeof l.description === "string" ? l.description : renderText(l.description, DEFAULT_LANGUAGE)).slice(0, 255),
          text: typeof l.description === "string" ? null : l.description,
          amount: unitAmount * l.quantity,
        };
      });
      const totals = invoiceTotals(
        lines.map((l) => l.amount),
        vat.taxRateBp,
        input.brand.vatInclusive,
      );
      const sequence = next.get(input.brand.id)!;
      next.set(input.brand.id, sequence + 1);
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
      return { invoice, sequence };
    });
    await this.invoices.insertMany(issued, trx);
    for (const [i, { invoice }] of issued.entries()) {
      // Its notifications commit with the invoice (an outbox); the other subscribers hear of it after the commit.
      await this.events.publishWithin(trx, "invoice.issued", {
        invoiceId: invoice.id,
        accountId: invoice.accountId,
        purpose: invoice.purpose,
        ...(inputs[i].announcedElsewhere ? { announcedElsewhere: true } : {}),
      });
    }
    return issued.map(({ invoice }) => invoice);
  }
}
