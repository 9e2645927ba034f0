export type InvoiceStatus = "issued" | "paid" | "void";
export type InvoicePurpose = "order" | "renewal" | "manual";

export interface InvoiceLine {
  description: string;
  quantity: number;
  /** Minor units, VAT included or not as the invoice says. */
  unitAmount: number;
  amount: number;
  serviceId: string | null;
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
}

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
