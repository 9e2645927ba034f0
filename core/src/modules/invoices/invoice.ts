import { renderText, type LocalText } from "../../i18n/index.js";
import type { PayerSnapshot } from "../payers/index.js";

export type InvoiceStatus = "issued" | "paid" | "void";
/** `change`: an upgrade the balance did not cover, applied once paid. */
export type InvoicePurpose = "order" | "renewal" | "manual" | "change";

export interface InvoiceLine {
  /** The English sentence: what a line from before keyed texts shows. */
  description: string;
  /** The same text as a message key, rendered in the account's language (see core/src/i18n). */
  text?: LocalText | null;
  quantity: number;
  /** Minor units, VAT included or not as the invoice says. */
  unitAmount: number;
  amount: number;
  serviceId: string | null;
  /** The months it pays for (a service's period × the periods), when it pays for a service. */
  months?: number | null;
  /** The service period it pays for, [start, end) instants, when known (a renewal; an order starts when paid). */
  period?: { start: number; end: number } | null;
}

export interface Invoice {
  id: string;
  brandId: string;
  accountId: string;
  number: string;
  status: InvoiceStatus;
  purpose: InvoicePurpose;
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  taxRateBp: number;
  taxInclusive: boolean;
  issuedAt: number;
  dueAt: number;
  paidAt: number | null;
  voidedAt: number | null;
  lines: InvoiceLine[];
  /** Who it is made out to, as they were when it was issued (null on invoices from before payers). */
  payer: PayerSnapshot | null;
  /** `reverse_charge`: an EU business in another member state, invoiced at 0 % (the brand's VAT rule). */
  taxNote: "reverse_charge" | null;
  /** How it was paid: `balance`, or the payment gateway's id; null while unpaid. */
  paidMethod: string | null;
}

/** A line's description in `locale` (the account's language). */
export const lineDescription = (line: Pick<InvoiceLine, "description" | "text">, locale: string) =>
  line.text ? renderText(line.text, locale) : line.description;

/**
 * Totals from lines and a VAT rate. Inclusive: the lines already hold VAT, which is
 * total × rate / (1 + rate); exclusive: VAT is added on the subtotal. Either way the tax is
 * rounded half up to a whole minor unit once, on the total, never per line, so
 * subtotal + tax = total exactly and the lines sum to the figure they are printed with.
 */
export function invoiceTotals(lineAmounts: number[], taxRateBp: number, inclusive: boolean) {
  const linesSum = lineAmounts.reduce((a, b) => a + b, 0);
  if (inclusive) {
    const tax = Math.floor((linesSum * taxRateBp + (10_000 + taxRateBp) / 2) / (10_000 + taxRateBp));
    return { subtotal: linesSum - tax, tax, total: linesSum };
  }
  const tax = Math.floor((linesSum * taxRateBp + 5_000) / 10_000);
  return { subtotal: linesSum, tax, total: linesSum + tax };
}

/**
 * What the client paid for each line: its amount plus its part of the VAT added on top (for
 * VAT-exclusive invoices), split in proportion to the lines and rounded down, the pennies left
 * over going to the last line, so the shares add up to the total exactly. A service refunded
 * because it could not be set up gets back all it cost, VAT included.
 */
export function paidPerLine(invoice: Pick<Invoice, "lines" | "total">): number[] {
  const linesSum = invoice.lines.reduce((sum, line) => sum + line.amount, 0);
  if (linesSum === 0) return invoice.lines.map(() => 0);
  const shares = invoice.lines.map((line) => Number((BigInt(line.amount) * BigInt(invoice.total)) / BigInt(linesSum)));
  shares[shares.length - 1] += invoice.total - shares.reduce((a, b) => a + b, 0);
  return shares;
}
