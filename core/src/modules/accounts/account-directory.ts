import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { AccountRepository, type Account } from "./account.repository.js";

/**
 * What other modules may know of an account, without reading the accounts module's tables:
 * its brand, currency and status.
 */
@injectable()
export class AccountDirectory {
  constructor(@inject(AccountRepository) private readonly accounts: AccountRepository) {}

  /** Pass the caller's transaction when inside one: SQLite has a single connection. */
  async find(accountId: string, trx?: Database): Promise<Pick<Account, "id" | "brandId" | "currency" | "status" | "name" | "kind"> | undefined> {
    const account = await this.accounts.findAccount(accountId, trx);
    return account && { id: account.id, brandId: account.brandId, currency: account.currency, status: account.status, name: account.name, kind: account.kind };
  }
}
