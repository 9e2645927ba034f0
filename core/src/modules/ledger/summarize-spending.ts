import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { AuthContext } from "../accounts/index.js";
import { AccountDirectory } from "../accounts/index.js";
import { LedgerRepository } from "./ledger.repository.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/** Charges, payments and refunds per calendar month (UTC), oldest first, for the spending chart. */
@injectable()
export class SummarizeSpending {
  constructor(
    @inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, months: number) {
    const now = new Date(this.clock.now());
    const starts = Array.from({ length: months + 1 }, (_, i) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1) + i, 1));
    const buckets = starts.slice(0, months).map((start) => ({ month: new Date(start).toISOString().slice(0, 7), charged: 0, paid: 0, refunded: 0 }));
    const index = new Map(starts.map((start, i) => [start, i]));
    // From the monthly rollup kept with the entries (a row per month and kind), not entry by
    // entry: the chart costs the same for an account with a hundred entries or a hundred thousand.
    for (const { month, kind, total } of await this.ledger.monthlyTotals(auth.accountId, starts[0], starts[months])) {
      const bucket = buckets[index.get(month) ?? -1];
      if (!bucket) continue;
      if (kind === "charge") bucket.charged -= total;
      else if (kind === "payment" || kind === "credit") bucket.paid += total;
      else if (kind === "refund") bucket.refunded -= total;
    }
    const currency =
      (await this.ledger.findBalance(auth.accountId))?.currency ?? findOrFail(await this.accounts.find(auth.accountId), "account", auth.accountId).currency;
    return { currency, months: buckets };
  }
}
