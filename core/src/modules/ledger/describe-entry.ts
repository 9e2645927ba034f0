import { renderText } from "../../i18n/index.js";
import type { LedgerEntry } from "./ledger-entry.js";
import { DAY_MS } from "../../kernel/time.js";

/** An entry's description in `locale` (the account's language: see `AccountLanguage`). */
export const entryDescription = (entry: Pick<LedgerEntry, "description" | "text">, locale: string) =>
  entry.text ? renderText(entry.text, locale) : entry.description;

export function describeEntry(entry: LedgerEntry, locale: string) {
  return {
    id: entry.id,
    kind: entry.kind,
    amount: { amount: entry.amount, currency: entry.currency },
    balanceAfter: { amount: entry.balanceAfter, currency: entry.currency },
    description: entryDescription(entry, locale),
    reference: entry.reference,
    createdAt: new Date(entry.createdAt).toISOString(),
  };
}

/** `YYYY-MM-DD` (UTC) to the first instant of that day; `endOfDay` gives the first instant of the next. */
export function dayToInstant(day: string | undefined, endOfDay = false): number | undefined {
  if (!day) return undefined;
  const start = Date.parse(`${day}T00:00:00Z`);
  return endOfDay ? start + DAY_MS : start;
}
