import { Readable } from "node:stream";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { ActorContext } from "../../kernel/actor-context.js";
import { AccountLanguage, type AuthContext } from "../accounts/index.js";
import { formatMinorUnits } from "../../extension-points/money.js";
import { dayToInstant, entryDescription } from "./describe-entry.js";
import { LedgerRepository } from "./ledger.repository.js";
import type { EntryKind, LedgerEntry } from "./ledger-entry.js";

// Kept here too for the callers that import it from the ledger; the one definition is the extension points' money helper.
export { formatMinorUnits } from "../../extension-points/money.js";

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
  constructor(
    @inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
  ) {}

  /**
   * The file's name, with the real dates it covers: `ledger-2026-11-01-2026-12-05.csv` — from the
   * period asked, else from the first entry (today for an account with none), to today.
   */
  async fileName(auth: Pick<AuthContext, "accountId">, query: { from?: string; to?: string }): Promise<string> {
    const today = new Date(this.clock.now()).toISOString().slice(0, 10);
    const first = query.from ? null : await this.ledger.firstEntryAt(auth.accountId);
    const from = query.from ?? (first === null ? today : new Date(first).toISOString().slice(0, 10));
    return `ledger-${from}-${query.to ?? today}.csv`;
  }

  execute(auth: Pick<AuthContext, "accountId">, query: { from?: string; to?: string; kind?: EntryKind }): Readable {
    const filter = { from: dayToInstant(query.from), to: dayToInstant(query.to, true), kind: query.kind };
    const ledger = this.ledger;
    const language = this.language;
    // The stream is read after the handler has returned, outside the request's actor: each page
    // is read as that actor again, so a user limited to some services gets their entries only.
    const actors = this.actors;
    const actor = actors.current();
    async function* lines() {
      const locale = await language.of(auth.accountId);
      yield "date,kind,description,amount,currency,balance_after,reference\r\n";
      for (let after: { createdAt: number; id: string } | null = null; ;) {
        const from = after;
        const entries: LedgerEntry[] = await actors.run(actor, () => ledger.pageEntriesAscending(auth.accountId, filter, from, PAGE));
        if (entries.length > 0) yield entries.map((e) => csvLine(e, locale)).join("");
        if (entries.length < PAGE) return;
        const last = entries[entries.length - 1];
        after = { createdAt: last.createdAt, id: last.id };
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }
}

function csvLine(e: LedgerEntry, locale: string): string {
  return (
    [
      new Date(e.createdAt).toISOString(),
      e.kind,
      cell(entryDescription(e, locale)),
      formatMinorUnits(e.amount, e.currency),
      e.currency,
      formatMinorUnits(e.balanceAfter, e.currency),
      e.reference ? `${e.reference.type}:${e.reference.id}` : "",
    ].join(",") + "\r\n"
  );
}
