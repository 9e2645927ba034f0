import { lineDescription, type Invoice } from "./invoice.js";

/** `locale`: the account's language (`AccountLanguage`), which the lines are written in. */
export function describeInvoice(invoice: Invoice, locale: string) {
  const money = (amount: number) => ({ amount, currency: invoice.currency });
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    purpose: invoice.purpose,
    subtotal: money(invoice.subtotal),
    tax: money(invoice.tax),
    total: money(invoice.total),
    taxRatePercent: invoice.taxRateBp / 100,
    taxInclusive: invoice.taxInclusive,
    issuedAt: new Date(invoice.issuedAt).toISOString(),
    dueAt: new Date(invoice.dueAt).toISOString(),
    paidAt: iso(invoice.paidAt),
    paidMethod: invoice.paidMethod,
    payer: invoice.payer,
    taxNote: invoice.taxNote,
    lines: invoice.lines.map((l) => ({
      description: lineDescription(l, locale),
      quantity: l.quantity,
      unitAmount: money(l.unitAmount),
      amount: money(l.amount),
      serviceId: l.serviceId,
    })),
  };
}
