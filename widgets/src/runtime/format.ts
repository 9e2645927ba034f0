import type { Money } from "./api-types.js";

/**
 * Formats integer minor units (the API's `amount`) in `currency`: 1800 USD → "$18.00".
 * The number of minor digits is the currency's own (JPY has none, KWD three), taken from
 * Intl, so no table of currencies lives here.
 */
export function formatMoney(money: Money, locale: string, options: { signDisplay?: "auto" | "exceptZero" } = {}): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: "currency", currency: money.currency, signDisplay: options.signDisplay ?? "auto" });
  } catch {
    // An unknown code would throw RangeError; show the amount rather than nothing.
    const sign = options.signDisplay === "exceptZero" && money.amount > 0 ? "+" : "";
    return `${sign}${(money.amount / 100).toFixed(2)} ${money.currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

/**
 * A short amount for a chart's axis: "$1.2K", "1,2 тыс. $". Minor units in, like formatMoney.
 */
export function formatMoneyCompact(money: Money, locale: string): string {
  try {
    const digits = new Intl.NumberFormat(locale, { style: "currency", currency: money.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: money.currency,
      notation: "compact",
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    }).format(money.amount / 10 ** digits);
  } catch {
    return formatMoney(money, locale);
  }
}

/** A month "YYYY-MM" (UTC) for people: "November 2026" / "ноябрь 2026 г."; as given when it is not one. */
export function formatMonth(month: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** A date for people: "Dec 16, 2026" / "16 дек. 2026 г."; empty for a value that is not a date. */
export function formatDate(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}
