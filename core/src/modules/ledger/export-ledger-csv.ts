import { inject, injectable } from "tsyringe";
import type { AuthContext } from "../accounts/index.js";
import { dayToInstant } from "./describe-entry.js";
import { LedgerRepository } from "./ledger.repository.js";
import type { EntryKind } from "./ledger-entry.js";

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

/** The ledger for a period as CSV, oldest first, for an accountant's spreadsheet. */
@injectable()
export class ExportLedgerCsv {
  constructor(@inject(LedgerRepository) private readonly ledger: LedgerRepository) {}

  async execute(auth: Pick<AuthContext, "accountId">, query: { from?: string; to?: string; kind?: EntryKind }): Promise<string> {
    const entries = await this.ledger.listEntries(auth.accountId, { from: dayToInstant(query.from), to: dayToInstant(query.to, true), kind: query.kind });
    const lines = ["date,kind,description,amount,currency,balance_after,reference"];
    for (const e of entries.reverse()) {
      lines.push(
        [
          new Date(e.createdAt).toISOString(),
          e.kind,
          cell(e.description),
          formatMinorUnits(e.amount, e.currency),
          e.currency,
          formatMinorUnits(e.balanceAfter, e.currency),
          e.reference ? `${e.reference.type}:${e.reference.id}` : "",
        ].join(","),
      );
    }
    return lines.join("\r\n") + "\r\n";
  }
}
