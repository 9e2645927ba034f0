import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";

/**
 * What the account's auto-renewing services will cost before `until`: the base of the
 * "recommended top-up" that keeps them running. Each service counts once per period due.
 */
@injectable()
export class SumUpcomingRenewals {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async execute(accountId: string, now: number, until: number): Promise<number> {
    const rows = await this.db("services")
      .where({ account_id: accountId, auto_renew: true })
      .whereIn("status", ["active", "suspended"])
      .whereNotNull("paid_until")
      .where("paid_until", "<", until)
      .select("price_amount", "paid_until", "period_months");
    let total = 0;
    for (const row of rows) {
      // A period is about period_months × 30 days here: close enough for a recommendation.
      const periodMs = Number(row.period_months) * 30 * 86_400_000;
      let due = Math.max(Number(row.paid_until), now);
      while (due < until) {
        total += Number(row.price_amount);
        due += periodMs;
      }
    }
    return total;
  }
}
