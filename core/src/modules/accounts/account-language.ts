import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { BrandLookup } from "../brands/index.js";
import { AccountRepository } from "./account.repository.js";

/**
 * The language the server writes in for an account: what `GET /me` answers as `account.locale` —
 * the language its owner chose (`PATCH /me` `accountLocale`), else its brand's default, else
 * English. Everything the account keeps — ledger and invoice lines, documents, CSV exports, why a
 * service stopped or a payment failed — reads in it, whoever of its users asks, so that two users
 * of one account never see two versions of one invoice. Messages to one person (notifications,
 * e-mails, Telegram) go in that person's own language (`users.locale`) instead.
 */
@injectable()
export class AccountLanguage {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(TOKENS.Brands) private readonly brands: BrandLookup,
  ) {}

  async of(accountId: string, trx?: Database): Promise<string> {
    const account = await this.accounts.findAccount(accountId, trx);
    if (!account) return "en";
    return account.locale ?? (await this.brands.byId(account.brandId))?.defaultLocale ?? "en";
  }
}
