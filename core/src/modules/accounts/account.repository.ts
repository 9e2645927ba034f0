import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import type { Permission, UserRole } from "./auth-context.js";

export interface Account {
  id: string;
  brandId: string;
  name: string;
  kind: "person" | "company";
  currency: string;
  status: "active" | "suspended";
  createdAt: number;
}

export interface User {
  id: string;
  brandId: string;
  accountId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  role: UserRole;
  permissions: Permission[];
  status: "active" | "suspended";
  locale: string;
  createdAt: number;
  /** Created by the owner with a password to hand over: must choose their own first. */
  mustChangePassword?: boolean;
  /** Limited to the services in `member_services` (in the home account). */
  serviceScoped?: boolean;
}

interface AccountRow {
  id: string;
  brand_id: string;
  name: string;
  kind: Account["kind"];
  currency: string;
  status: Account["status"];
  created_at: number;
}

interface UserRow {
  id: string;
  brand_id: string;
  account_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: UserRole;
  permissions: string;
  status: User["status"];
  locale: string;
  created_at: number;
  must_change_password?: number | boolean;
  service_scoped?: number | boolean;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  brandId: r.brand_id,
  name: r.name,
  kind: r.kind,
  currency: r.currency,
  status: r.status,
  createdAt: Number(r.created_at),
});

const toUser = (r: UserRow): User => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  email: r.email,
  name: r.name,
  passwordHash: r.password_hash,
  role: r.role,
  permissions: fromJson<Permission[]>(r.permissions, []),
  status: r.status,
  locale: r.locale,
  createdAt: Number(r.created_at),
  mustChangePassword: Boolean(r.must_change_password),
  serviceScoped: Boolean(r.service_scoped),
});

/** The `accounts` and `users` tables; only the accounts module reads or writes them. */
@injectable()
export class AccountRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insertAccount(account: Account, trx: Database = this.db): Promise<void> {
    await trx("accounts").insert({
      id: account.id,
      brand_id: account.brandId,
      name: account.name,
      kind: account.kind,
      currency: account.currency,
      status: account.status,
      created_at: account.createdAt,
    });
  }

  async insertUser(user: User, trx: Database = this.db): Promise<void> {
    await trx("users").insert({
      id: user.id,
      brand_id: user.brandId,
      account_id: user.accountId,
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      role: user.role,
      permissions: toJson(user.permissions),
      status: user.status,
      locale: user.locale,
      created_at: user.createdAt,
      must_change_password: user.mustChangePassword ?? false,
      service_scoped: user.serviceScoped ?? false,
    });
  }

  async findAccount(id: string, trx: Database = this.db): Promise<Account | undefined> {
    const row = await trx<AccountRow>("accounts").where({ id }).first();
    return row ? toAccount(row) : undefined;
  }

  async findUser(id: string, trx: Database = this.db): Promise<User | undefined> {
    const row = await trx<UserRow>("users").where({ id }).first();
    return row ? toUser(row) : undefined;
  }

  async findUsers(ids: string[], trx: Database = this.db): Promise<Map<string, User>> {
    const rows = ids.length === 0 ? [] : await trx<UserRow>("users").whereIn("id", ids);
    return new Map(rows.map((r) => [r.id, toUser(r)]));
  }

  async listUsers(accountId: string, trx: Database = this.db): Promise<User[]> {
    return (await trx<UserRow>("users").where({ account_id: accountId }).orderBy("id")).map(toUser);
  }

  /** E-mails are stored lower-cased, so this lookup is exact and uses the unique index. */
  async findUserByEmail(brandId: string, email: string, trx: Database = this.db): Promise<User | undefined> {
    const row = await trx<UserRow>("users").where({ brand_id: brandId, email: email.toLowerCase() }).first();
    return row ? toUser(row) : undefined;
  }

  async setUserStatus(id: string, status: User["status"]): Promise<void> {
    await this.db("users").where({ id }).update({ status });
  }

  async setAccountStatus(id: string, status: Account["status"]): Promise<void> {
    await this.db("accounts").where({ id }).update({ status });
  }
}
