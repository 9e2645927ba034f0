import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { AuthContext } from "../accounts/index.js";
import { AccountDirectory } from "../accounts/index.js";
import { BrandDirectory } from "../brands/index.js";
import type { OpenInvoices, UpcomingCharges } from "./upcoming-charges.js";
import { LedgerRepository } from "./ledger.repository.js";
import { DAY_MS } from "../../kernel/time.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

const RENEWAL_HORIZON_DAYS = 30;

/** The balance, what may still be spent, and a top-up that covers the open invoices and the next 30 days of renewals. */
@injectable()
export class GetBalance {
  constructor(
    @inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.UpcomingCharges) private readonly renewals: UpcomingCharges,
    @inject(TOKENS.OpenInvoices) private readonly openInvoices: OpenInvoices,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">) {
    const now = this.clock.now();
    const stored = await this.ledger.findBalance(auth.accountId);
    const account = findOrFail(await this.accounts.find(auth.accountId), "account", auth.accountId);
    const currency = stored?.currency ?? account.currency;
    const brand = findOrFail(await this.brands.byId(account.brandId), "brand", account.brandId);
    const balance = stored?.balance ?? 0;
    const creditLimit = stored?.creditLimit ?? 0;
    const upcoming = await this.renewals.execute(auth.accountId, now, now + RENEWAL_HORIZON_DAYS * DAY_MS);
    // A renewal already invoiced is in the open invoices, not in `upcoming` (SumUpcomingRenewals skips it).
    const open = await this.openInvoices.execute(auth.accountId, currency);
    const needed = upcoming + open.amount;
    const money = (amount: number) => ({ amount, currency });
    return {
      balance: money(balance),
      creditLimit: money(creditLimit),
      available: money(balance + creditLimit),
      upcomingRenewals: { amount: upcoming, currency, days: RENEWAL_HORIZON_DAYS },
      openInvoices: { amount: open.amount, currency, count: open.count },
      // Never less than one top-up may be: a form pre-filled with it must be accepted.
      recommendedTopUp: money(needed > balance ? Math.min(Math.max(needed - balance, brand.topUp.min), brand.topUp.max) : 0),
      topUp: { min: money(brand.topUp.min), max: money(brand.topUp.max) },
    };
  }
}
