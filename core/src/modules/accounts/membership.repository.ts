import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson } from "../../db/json.js";
import type { Permission, Rights, UserRole } from "./auth-context.js";
import { builtInRoles, isBuiltInRole } from "./rights.js";

/** A person's place in one account: from their `users` row (home) or an `account_members` row. */
export interface Membership {
  accountId: string;
  userId: string;
  role: UserRole;
  permissions: Permission[];
  status: "active" | "suspended";
  serviceScoped: boolean;
  /** True when this is the account the person's login was created in. */
  home: boolean;
  createdAt: number;
}

interface MembershipRow {
  account_id: string;
  user_id: string;
  role: UserRole;
  permissions: string;
  status: Membership["status"];
  service_scoped: number | boolean;
  home: number;
  created_at: number;
}

const toMembership = (r: MembershipRow): Membership => ({
  accountId: r.account_id,
  userId: r.user_id,
  role: r.role,
  permissions: fromJson<Permission[]>(r.permissions, []),
  status: r.status,
  serviceScoped: Boolean(r.service_scoped),
  home: Boolean(Number(r.home)),
  createdAt: Number(r.created_at),
});

/**
 * Memberships, their roles and service scopes (tables `account_members`, `member_roles`,
 * `member_services`, and the membership columns of `users`). Only the accounts module uses it.
 */
@injectable()
export class MembershipRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  /** Home memberships and the others, read alike (`users` first, then `account_members`). */
  private all(trx: Database) {
    return trx
      .select("account_id", { user_id: "id" }, "role", "permissions", "status", "service_scoped", trx.raw("1 as home"), "created_at")
      .from("users")
      .unionAll((q) => q.select("account_id", "user_id", "role", "permissions", "status", "service_scoped", trx.raw("0 as home"), "created_at").from("account_members"));
  }

  async find(accountId: string, userId: string, trx: Database = this.db): Promise<Membership | undefined> {
    const home = await trx("users").where({ id: userId, account_id: accountId }).first("account_id", { user_id: "id" }, "role", "permissions", "status", "service_scoped", trx.raw("1 as home"), "created_at");
    if (home) return toMembership(home as MembershipRow);
    const other = await trx("account_members").where({ account_id: accountId, user_id: userId }).first("*", trx.raw("0 as home"));
    return other ? toMembership(other as MembershipRow) : undefined;
  }

  /** Every membership of the account, owners first. */
  async listForAccount(accountId: string, trx: Database = this.db): Promise<Membership[]> {
    const rows = await trx.from(this.all(trx).as("m")).where("m.account_id", accountId).orderBy("m.created_at").orderBy("m.user_id");
    return (rows as MembershipRow[]).map(toMembership);
  }

  /** Every membership of a person, in any account. */
  async listForUser(userId: string, trx: Database = this.db): Promise<Membership[]> {
    const rows = await trx.from(this.all(trx).as("m")).where("m.user_id", userId).orderBy("m.created_at");
    return (rows as MembershipRow[]).map(toMembership);
  }

  /** The role keys the member holds (`accountant`, `rol_…`). */
  async roleKeys(accountId: string, userId: string, trx: Database = this.db): Promise<string[]> {
    return (await trx("member_roles").where({ account_id: accountId, user_id: userId }).orderBy("role").select("role")).map((r: { role: string }) => r.role);
  }

  /** The rights of each role the member holds; a custom role of another account never counts. */
  async roleRights(accountId: string, userId: string, trx: Database = this.db): Promise<Rights[]> {
    const rows: { role: string; rights: string | null }[] = await trx("member_roles as mr")
      .leftJoin("account_roles as r", (j) => j.on("r.id", "mr.role").andOn("r.account_id", "mr.account_id"))
      .where({ "mr.account_id": accountId, "mr.user_id": userId })
      .select("mr.role", "r.rights");
    return rows.map((r) => (isBuiltInRole(r.role) ? builtInRoles[r.role] : fromJson<Rights>(r.rights, {})));
  }

  /** The services a scoped member may see and act on. */
  async scope(accountId: string, userId: string, trx: Database = this.db): Promise<string[]> {
    return (await trx("member_services").where({ account_id: accountId, user_id: userId }).orderBy("service_id").select("service_id")).map((r: { service_id: string }) => r.service_id);
  }
}
