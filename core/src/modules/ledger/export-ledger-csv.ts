import { Readable } from "node:stream";
import { inject, injectable } from "tsyringe";
import type { AuthContext } from "../accounts/index.js";
import { dayToInstant } from "./describe-entry.js";
import { LedgerRepository } from "./ledger.repository.js";
import type { EntryKind, LedgerEntry } from "./ledger-entry.js";

/** Minor units as a decimal string in the currency's own precision: 123456 USD → "1234.56". */
export function formatMinorUnits(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount).toString().padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** A CSV cell; text that a spreadsheet would run as a formula is defused with a leading quote. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const PAGE = 1000;

/**
 * The ledger for a period as CSV, oldest first, for an accountant's spreadsheet — streamed: a
 * page of entries is read, written out and let go before the next, each page its own short
 * query (on SQLite other requests get the connection in between), so neither memory nor the
 * time to the first byte grows with the account's history.
 */
@injectable()
export class ExportLedgerCsv {
  constructor(@inject(LedgerRepository) private readonly ledger: LedgerRepository) {}

  execute(auth: Pick<AuthContext, "accountId">, query: { from?: string; to?: string; kind?: EntryKind }): Readable {
    const filter = { from: dayToInstant(query.from), to: dayToInstant(query.to, true), kind: query.kind };
    const ledger = this.ledger;
    async function* lines() {
      yield "date,kind,description,amount,currency,balance_after,reference\r\n";
      for (let afterId: string | null = null; ; ) {
        const entries = await ledger.pageEntriesAscending(auth.accountId, filter, afterId, PAGE);
        if (entries.length > 0) yield entries.map(csvLine).join("");
        if (entries.length < PAGE) return;
        afterId = entries[entries.length - 1].id;
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }
}

function csvLine(e: LedgerEntry): string {
  return (
    [
      new Date(e.createdAt).toISOString(),
      e.kind,
      cell(e.description),
      formatMinorUnits(e.amount, e.currency),
      e.currency,
      formatMinorUnits(e.balanceAfter, e.currency),
      e.reference ? `${e.reference.type}:${e.reference.id}` : "",
    ].join(",") + "\r\n"
  );
}
