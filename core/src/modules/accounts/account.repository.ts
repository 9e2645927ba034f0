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
  /** The account's language (documents, account-wide messages); null: the brand's default. */
  locale: string | null;
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
  phone: string | null;
  timezone: string;
  rowsPerPage: number;
  /** When the user confirmed their e-mail (the link sent at sign-up or after a change); null: not confirmed. */
  emailVerifiedAt: number | null;
  createdAt: number;
  /** Created by the owner with a password to hand over: must choose their own first. */
  mustChangePassword?: boolean;
  /** Limited to the services in `member_services` (in the home account). */
  serviceScoped?: boolean;
}

/** A user to insert: the profile's settings have defaults. */
export type NewUser = Omit<User, "phone" | "timezone" | "rowsPerPage" | "emailVerifiedAt"> &
  Partial<Pick<User, "phone" | "timezone" | "rowsPerPage" | "emailVerifiedAt">>;
export type NewAccount = Omit<Account, "locale"> & Partial<Pick<Account, "locale">>;

interface AccountRow {
  id: string;
  brand_id: string;
  name: string;
  kind: Account["kind"];
  currency: string;
  status: Account["status"];
  locale: string | null;
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
  phone: string | null;
  timezone: string;
  rows_per_page: number;
  email_verified_at: number | null;
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
  locale: r.locale ?? null,
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
  phone: r.phone ?? null,
  timezone: r.timezone ?? "UTC",
  rowsPerPage: Number(r.rows_per_page ?? 20),
  emailVerifiedAt: r.email_verified_at == null ? null : Number(r.email_verified_at),
  createdAt: Number(r.created_at),
  mustChangePassword: Boolean(r.must_change_password),
  serviceScoped: Boolean(r.service_scoped),
});

/** The `accounts` and `users` tables; only the accounts module reads or writes them. */
@injectable()
export class AccountRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insertAccount(account: NewAccount, trx: Database = this.db): Promise<void> {
    await trx("accounts").insert({
      id: account.id,
      brand_id: account.brandId,
      name: account.name,
      kind: account.kind,
      currency: account.currency,
      status: account.status,
      locale: account.locale ?? null,
      created_at: account.createdAt,
    });
  }

  async insertUser(user: NewUser, trx: Database = this.db): Promise<void> {
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
      phone: user.phone ?? null,
      timezone: user.timezone ?? "UTC",
      rows_per_page: user.rowsPerPage ?? 20,
      email_verified_at: user.emailVerifiedAt ?? null,
      created_at: user.createdAt,
      must_change_password: user.mustChangePassword ?? false,
      service_scoped: user.serviceScoped ?? false,
    });
  }

  async findAccount(id: string, trx: Database = this.db): Promise<Account | undefined> {
    const row = await trx<AccountRow>("accounts").where({ id }).first();
    return row ? toAccount(row) : undefined;
  }

  async findAccounts(ids: string[], trx: Database = this.db): Promise<Account[]> {
    if (ids.length === 0) return [];
    return ((await trx<AccountRow>("accounts").whereIn("id", ids)) as AccountRow[]).map(toAccount);
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

  async updateProfile(userId: string, changes: Partial<Pick<User, "name" | "phone" | "locale" | "timezone" | "rowsPerPage">>): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (changes.name !== undefined) columns.name = changes.name;
    if (changes.phone !== undefined) columns.phone = changes.phone;
    if (changes.locale !== undefined) columns.locale = changes.locale;
    if (changes.timezone !== undefined) columns.timezone = changes.timezone;
    if (changes.rowsPerPage !== undefined) columns.rows_per_page = changes.rowsPerPage;
    if (Object.keys(columns).length > 0) await this.db("users").where({ id: userId }).update(columns);
  }

  async setAccountLocale(accountId: string, locale: string): Promise<void> {
    await this.db("accounts").where({ id: accountId }).update({ locale });
  }

  async setPasswordHash(userId: string, passwordHash: string, trx: Database = this.db): Promise<void> {
    // A password the user chose: the one the owner handed over no longer needs changing.
    await trx("users").where({ id: userId }).update({ password_hash: passwordHash, must_change_password: false });
  }

  /** Changes the sign-in e-mail (confirmed by the link just used); the unique index refuses a taken one. */
  async setEmail(userId: string, email: string, verifiedAt: number, trx: Database = this.db): Promise<void> {
    await trx("users").where({ id: userId }).update({ email: email.toLowerCase(), email_verified_at: verifiedAt });
  }

  async markEmailVerified(userId: string, at: number, trx: Database = this.db): Promise<void> {
    await trx("users").where({ id: userId }).whereNull("email_verified_at").update({ email_verified_at: at });
  }

  async findUserIn(id: string, trx: Database): Promise<User | undefined> {
    const row = await trx<UserRow>("users").where({ id }).first();
    return row ? toUser(row) : undefined;
  }

  /**
   * Suspending a user also *ends* their sessions, in the same transaction: hidden sessions
   * would come back to life on re-activation, long after whoever held them should.
   */
  async setUserStatus(id: string, status: User["status"], now: number = Date.now()): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx("users").where({ id }).update({ status });
      if (status === "suspended") await trx("sessions").where({ user_id: id }).whereNull("revoked_at").update({ revoked_at: now });
    });
  }

  /** Suspending an account ends the sessions of all its users, like {@link setUserStatus}. */
  async setAccountStatus(id: string, status: Account["status"], now: number = Date.now()): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx("accounts").where({ id }).update({ status });
      if (status === "suspended") await trx("sessions").where({ account_id: id }).whereNull("revoked_at").update({ revoked_at: now });
    });
  }
}
