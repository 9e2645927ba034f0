const DAY_MS = 86_400_000;

/**
 * `instant` moved on by whole calendar months (UTC), the day of the month clamped to the
 * target month's last day (31 January + 1 month = 28 or 29 February), the time of day kept.
 */
export function addMonths(instant: number, months: number): number {
  const date = new Date(instant);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime() + (instant % DAY_MS + DAY_MS) % DAY_MS;
}

export const days = (count: number) => count * DAY_MS;

/** `YYYY-MM-DD` of an instant (UTC), as invoices and ledger descriptions print it. */
export const isoDay = (instant: number) => new Date(instant).toISOString().slice(0, 10);
