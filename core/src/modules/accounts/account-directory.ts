import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";

/** What other modules may know of a user: who to address, in which language, with what rights. */
export type UserSummary = Pick<User, "id" | "accountId" | "brandId" | "email" | "name" | "locale" | "role" | "permissions" | "status">;

const summarize = (u: User): UserSummary => ({
  id: u.id,
  accountId: u.accountId,
  brandId: u.brandId,
  email: u.email,
  name: u.name,
  locale: u.locale,
  role: u.role,
  permissions: u.permissions,
  status: u.status,
});

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

  /** The account's active users (the owner and the people invited). */
  async activeUsers(accountId: string, trx?: Database): Promise<UserSummary[]> {
    return (await this.accounts.listUsers(accountId, trx)).filter((u) => u.status === "active").map(summarize);
  }

  async findUser(userId: string): Promise<UserSummary | undefined> {
    const user = await this.accounts.findUser(userId);
    return user && summarize(user);
  }
}
