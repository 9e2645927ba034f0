import type { Money } from "./api-types.js";

/**
 * Formats integer minor units (the API's `amount`) in `currency`: 1800 USD → "$18.00".
 * The number of minor digits is the currency's own (JPY has none, KWD three), taken from
 * Intl, so no table of currencies lives here.
 */
export function formatMoney(money: Money, locale: string): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: "currency", currency: money.currency });
  } catch {
    // An unknown code would throw RangeError; show the amount rather than nothing.
    return `${(money.amount / 100).toFixed(2)} ${money.currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

/** A date for people: "Dec 16, 2026" / "16 дек. 2026 г."; empty for a value that is not a date. */
export function formatDate(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}
