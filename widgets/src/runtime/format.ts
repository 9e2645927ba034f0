import type { Money } from "./api-types.js";

/**
 * Intl's formatters, made once per locale and options and kept for the page. Making one costs
 * far more than using it (ICU loads the locale's data each time): the widgets format every
 * amount and date of every render, and made a new formatter for each one, which was a third
 * of their script time on a billing page. A formatter holds no data of a session, only the
 * locale's rules, so keeping them page-wide is safe; the keys are few (locales × currencies ×
 * the handful of option sets below). A constructor that throws (an unknown currency) keeps
 * nothing, and throws again for the next caller.
 */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function kept<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, locale: string, options: object, make: () => F): F {
  const key = `${kind}\u0000${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key) as F | undefined;
  if (!format) formats.set(key, (format = make()));
  return format;
}

/** `new Intl.NumberFormat(locale, options)`, made once: see {@link formats}. */
export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat =>
  kept("n", locale, options, () => new Intl.NumberFormat(locale, options));

/** `new Intl.DateTimeFormat(locale, options)`, made once: see {@link formats}. */
export const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat =>
  kept("d", locale, options, () => new Intl.DateTimeFormat(locale, options));

/** The number of minor digits of `currency` (USD 2, JPY 0, KWD 3), from Intl; throws RangeError for a code it does not know. */
const minorDigits = (currency: string): number => numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * Formats integer minor units (the API's `amount`) in `currency`: 1800 USD → "$18.00".
 * The number of minor digits is the currency's own (JPY has none, KWD three), taken from
 * Intl, so no table of currencies lives here.
 */
export function formatMoney(money: Money, locale: string, options: { signDisplay?: "auto" | "exceptZero" } = {}): string {
  let format: Intl.NumberFormat;
  try {
    format = numberFormat(locale, { style: "currency", currency: money.currency, signDisplay: options.signDisplay ?? "auto" });
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
    const digits = minorDigits(money.currency);
    return numberFormat(locale, {
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

/** How many minor digits `currency` has (USD 2, JPY 0, KWD 3), from Intl; 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  try {
    return minorDigits(currency);
  } catch {
    return 2;
  }
}

/** A month "YYYY-MM" (UTC) for people: "November 2026" / "ноябрь 2026 г."; as given when it is not one. */
export function formatMonth(month: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** A date for people: "Dec 16, 2026" / "16 дек. 2026 г."; empty for a value that is not a date. */
export function formatDate(iso: string, locale: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}
