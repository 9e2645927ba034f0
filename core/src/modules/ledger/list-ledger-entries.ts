import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { AccountLanguage, type AuthContext } from "../accounts/index.js";
import { dayToInstant, describeEntry } from "./describe-entry.js";
import { LedgerRepository } from "./ledger.repository.js";
import type { EntryKind } from "./ledger-entry.js";

/** A page of the account's ledger, newest first, optionally for a period and a kind. */
@injectable()
export class ListLedgerEntries {
  constructor(
    @inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, query: { from?: string; to?: string; kind?: EntryKind; cursor?: string; limit?: number }) {
    const limit = query.limit ?? 20;
    const beforeId = decodeCursor(query.cursor, "led");
    const rows = await this.ledger.listEntries(auth.accountId, {
      from: dayToInstant(query.from),
      to: dayToInstant(query.to, true),
      kind: query.kind,
      beforeId,
      limit: limit + 1,
    });
    const locale = await this.language.of(auth.accountId);
    return toPage(rows, limit, (entry) => describeEntry(entry, locale));
  }
}
