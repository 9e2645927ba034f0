import { inject, injectable } from "tsyringe";
import { AccountDirectory } from "../accounts/index.js";
import { LedgerRepository } from "./ledger.repository.js";
import type { LedgerEntry } from "./ledger-entry.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface LedgerStatement {
  currency: string;
  /** The sum of every entry before `from`. */
  opening: number;
  /** The entries in [from, to), oldest first. */
  entries: LedgerEntry[];
  /** `opening` plus every entry of the period. */
  closing: number;
}

/**
 * An account's ledger over a period with its opening and closing balances, for other modules
 * (documents: reconciliation statements, acts) that must not read the ledger's tables.
 */
@injectable()
export class GetLedgerStatement {
  constructor(
    @inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {}

  async execute(accountId: string, from: number, to: number): Promise<LedgerStatement> {
    const opening = await this.ledger.sumBefore(accountId, from);
    const entries = (await this.ledger.listEntries(accountId, { from, to })).reverse();
    const currency = (await this.ledger.findBalance(accountId))?.currency ?? findOrFail(await this.accounts.find(accountId), "account", accountId).currency;
    return { currency, opening, entries, closing: entries.reduce((sum, e) => sum + e.amount, opening) };
  }

  /**
   * The same period for an account with several payers: the opening balance per payer the
   * entries name (`payerId`; "" for none) instead of one, from the payer rollup — as bounded by
   * the period as `execute`, whatever the history before it. Each entry carries its `payerId`.
   */
  async byPayer(accountId: string, from: number, to: number): Promise<{ currency: string; openingByPayer: Map<string, number>; entries: LedgerEntry[] }> {
    const openingByPayer = await this.ledger.sumBeforeByPayer(accountId, from);
    const entries = (await this.ledger.listEntries(accountId, { from, to })).reverse();
    const currency = (await this.ledger.findBalance(accountId))?.currency ?? findOrFail(await this.accounts.find(accountId), "account", accountId).currency;
    return { currency, openingByPayer, entries };
  }
}
