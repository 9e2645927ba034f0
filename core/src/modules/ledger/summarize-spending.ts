import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { AuthContext } from "../accounts/index.js";
import { AccountDirectory } from "../accounts/index.js";
import { LedgerRepository } from "./ledger.repository.js";

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
    const first = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1);
    const buckets = new Map<string, { month: string; charged: number; paid: number; refunded: number }>();
    for (let i = 0; i < months; i++) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1) + i, 1));
      const key = d.toISOString().slice(0, 7);
      buckets.set(key, { month: key, charged: 0, paid: 0, refunded: 0 });
    }
    // One query for the whole window: an account has a few entries a month, not thousands.
    for (const e of await this.ledger.listEntries(auth.accountId, { from: first })) {
      const bucket = buckets.get(new Date(e.createdAt).toISOString().slice(0, 7));
      if (!bucket) continue;
      if (e.kind === "charge") bucket.charged -= e.amount;
      else if (e.kind === "payment" || e.kind === "credit") bucket.paid += e.amount;
      else if (e.kind === "refund") bucket.refunded -= e.amount;
    }
    const currency = (await this.ledger.findBalance(auth.accountId))?.currency ?? (await this.accounts.find(auth.accountId))!.currency;
    return { currency, months: [...buckets.values()] };
  }
}
