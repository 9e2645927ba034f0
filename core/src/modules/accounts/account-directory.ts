import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import { effectivePermissions, type Rights } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";
import { combineRights } from "./rights.js";

/**
 * What other modules may know of a user: who to address, in which language, with what rights
 * in the account asked about (`accountId`, `role`, `permissions`, `rights` and `serviceScope`
 * are their membership's there).
 */
export type UserSummary = Pick<User, "id" | "accountId" | "brandId" | "email" | "name" | "locale" | "role" | "permissions" | "status"> & {
  rights?: Rights;
  /** The services the user is limited to in that account; null for all. */
  serviceScope?: string[] | null;
};

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
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
  ) {}

  /** Pass the caller's transaction when inside one: SQLite has a single connection. */
  async find(accountId: string, trx?: Database): Promise<Pick<Account, "id" | "brandId" | "currency" | "status" | "name" | "kind" | "locale"> | undefined> {
    const account = await this.accounts.findAccount(accountId, trx);
    return (
      account && {
        id: account.id,
        brandId: account.brandId,
        currency: account.currency,
        status: account.status,
        name: account.name,
        kind: account.kind,
        locale: account.locale,
      }
    );
  }

  /** Several accounts in one read, by id (the billing run's short accounts of a batch); unknown ids are left out. */
  async findMany(
    accountIds: string[],
    trx?: Database,
  ): Promise<Map<string, Pick<Account, "id" | "brandId" | "currency" | "status" | "name" | "kind" | "locale">>> {
    const accounts = await this.accounts.findAccounts([...new Set(accountIds)], trx);
    return new Map(
      accounts.map((a) => [a.id, { id: a.id, brandId: a.brandId, currency: a.currency, status: a.status, name: a.name, kind: a.kind, locale: a.locale }]),
    );
  }

  /**
   * The account's active users — the owner, the people created in it and those who joined from
   * another account — each with their rights and service scope there, so that what they are
   * sent follows what they may see.
   */
  async activeUsers(accountId: string, trx?: Database): Promise<UserSummary[]> {
    const members = (await this.memberships.listForAccount(accountId, trx)).filter((m) => m.status === "active");
    if (members.length === 0) return [];
    const [users, roleRights, scopes] = await Promise.all([
      this.accounts.findUsers(
        members.map((m) => m.userId),
        trx,
      ),
      this.memberships.roleRightsByUser(accountId, trx),
      this.memberships.scopesByUser(accountId, trx),
    ]);
    const out: UserSummary[] = [];
    for (const m of members) {
      const user = users.get(m.userId);
      if (!user || user.status !== "active") continue;
      const rights = combineRights(m.role, m.permissions, roleRights.get(m.userId) ?? []);
      out.push({
        ...summarize(user),
        accountId,
        role: m.role,
        permissions: effectivePermissions(m.role, m.permissions, rights),
        rights,
        serviceScope: m.serviceScoped && m.role !== "owner" ? (scopes.get(m.userId) ?? []) : null,
      });
    }
    return out;
  }

  async findUser(userId: string): Promise<UserSummary | undefined> {
    const user = await this.accounts.findUser(userId);
    return user && summarize(user);
  }
}
