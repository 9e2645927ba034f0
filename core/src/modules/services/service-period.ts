/** Calendar arithmetic for paid periods, in UTC. */

import { localText, type LocalText } from "../../i18n/index.js";
import { DAY_MS } from "../../kernel/time.js";

export { DAY_MS };

/**
 * `at` plus `months` calendar months, the day of the month kept, or the month's last day when
 * it has fewer (31 January + 1 month = 28/29 February).
 */
export function addMonths(at: number, months: number): number {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

export interface Proration {
  /** Whole days left until paid-until (the day under way counts as used); more than `periodDays` when paid for several periods ahead. */
  remainingDays: number;
  /** Days of one period: the last paid one, from its start to paid-until. */
  periodDays: number;
  /** Signed minor units: > 0 the client pays, < 0 the client is credited. */
  amount: number;
}

/**
 * The rest of the paid period's share of a price difference, to the day, in minor units:
 *
 *   amount = truncate(difference × remainingDays ÷ periodDays)
 *
 * where remainingDays = ⌊(paidUntil − now) ÷ 1 day⌋ (0 when the period is over) and
 * periodDays = round((paidUntil − periodStart) ÷ 1 day), at least 1, periodStart being the start
 * of the last paid period (the difference is a price per period). Truncating toward zero
 * drops the fraction of a minor unit: an upgrade's charge and a downgrade's credit are both
 * rounded down in size. Computed in integers (BigInt), so no float ever decides a cent.
 */
export function prorate(difference: number, period: { periodStart: number; paidUntil: number }, now: number): Proration {
  const periodDays = Math.max(1, Math.round((period.paidUntil - period.periodStart) / DAY_MS));
  const remainingDays = Math.max(0, Math.floor((period.paidUntil - now) / DAY_MS));
  const amount = Number((BigInt(difference) * BigInt(remainingDays)) / BigInt(periodDays)); // BigInt division truncates toward zero
  return { remainingDays, periodDays, amount };
}

/** The start of the paid period that ends at `paidUntil` (recorded, or one period back). */
export function periodStartOf(service: { periodStart: number | null; paidUntil: number; periodMonths: number }): number {
  return service.periodStart ?? addMonths(service.paidUntil, -service.periodMonths);
}

export { days } from "../../kernel/time.js";

/** A period in words, as invoice lines and ledger descriptions print it: "1 month", "3 months", "1 year", "2 years". */
export function periodInWords(months: number): string {
  if (months % 12 === 0) return months === 12 ? "1 year" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}

/** `periodInWords` as a text in the reader's language. */
export function periodText(months: number): LocalText {
  return months % 12 === 0 ? localText("period.years", { n: months / 12 }) : localText("period.months", { n: months });
}

/** `YYYY-MM-DD` of an instant (UTC), as ledger descriptions print it. */
export const isoDay = (instant: number) => new Date(instant).toISOString().slice(0, 10);
