/**
 * Amounts typed by people, to and from the API's integer minor units, without ever going
 * through a float: "25.10" USD is 2510, not 2509.9999.
 */
import { currencyDigits, numberFormat } from "../runtime/format.js";

export { currencyDigits };

/** The API's upper bound of any amount, in minor units. */
export const MAX_MINOR_UNITS = 100_000_000_000;

export type AmountProblem =
  /** Nothing typed. */
  | "empty"
  /** Not a number: letters, two decimal points, a minus sign… */
  | "invalid"
  /** More decimals than the currency has ("10.005" dollars). */
  | "precision"
  /** Zero. */
  | "zero"
  /** Over what the API takes. */
  | "too-large";

export type ParsedAmount = { ok: true; minor: number } | { ok: false; problem: AmountProblem; digits: number };

/** The locale's decimal and grouping characters: en "." and ",", ru "," and a space. */
function separators(locale: string): { decimal: string; group: string } {
  const parts = numberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

/**
 * Reads an amount in major units ("25", "25.5", "1,250.00", "25,50" in Russian) as minor units
 * of `currency`, from the decimal string itself. Spaces group digits in any locale; "." is a
 * decimal point in any locale; "," is the decimal point where the locale says so (ru), and
 * groups thousands where it says that (en: "1,250" is 1250, "25,5" is 25.5 all the same).
 * More decimals than the currency has are refused, never rounded.
 */
export function parseAmount(text: string, currency: string, locale: string): ParsedAmount {
  const digits = currencyDigits(currency);
  const fail = (problem: AmountProblem): ParsedAmount => ({ ok: false, problem, digits });
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!compact) return fail("empty");

  let whole: string;
  let fraction = "";
  const { group } = separators(locale);
  const grouped = /^(\d{1,3}([.,])\d{3}(?:\2\d{3})*)(?:([.,])(\d+))?$/.exec(compact);
  const [, groupedWhole, groupChar, decimalChar, groupedFraction] = grouped ?? [];
  if (grouped && decimalChar !== groupChar && (decimalChar !== undefined || groupChar === group)) {
    // "1,250.00", "1.250,00", or "1,250" where the locale groups with a comma.
    whole = groupedWhole.split(groupChar).join("");
    fraction = groupedFraction ?? "";
  } else {
    const plain = /^(\d+)(?:[.,](\d+))?$/.exec(compact);
    if (!plain) return fail("invalid");
    whole = plain[1];
    fraction = plain[2] ?? "";
  }
  if (fraction.length > digits) return fail("precision");

  const minorText = (whole + fraction.padEnd(digits, "0")).replace(/^0+(?=\d)/, "");
  // Beyond 16 digits a Number is no longer exact; the API's bound is far below that.
  if (minorText.length > 15) return fail("too-large");
  const minor = Number(minorText);
  if (minor === 0) return fail("zero");
  if (minor > MAX_MINOR_UNITS) return fail("too-large");
  return { ok: true, minor };
}

/**
 * Minor units as the text a person would type in `locale`, without grouping or a currency
 * sign: 1800 USD → "18.00" (en) or "18,00" (ru). For pre-filling an amount field.
 */
export function formatAmountInput(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const text = Math.abs(Math.trunc(minor))
    .toString()
    .padStart(digits + 1, "0");
  const sign = minor < 0 ? "-" : "";
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}${separators(locale).decimal}${text.slice(-digits)}`;
}
