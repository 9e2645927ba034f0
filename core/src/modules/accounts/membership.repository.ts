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
  /** `removed`: a user created in the account and removed from it; kept for the record, shown nowhere. */
  status: "active" | "suspended" | "removed";
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
      .unionAll((q) =>
        q.select("account_id", "user_id", "role", "permissions", "status", "service_scoped", trx.raw("0 as home"), "created_at").from("account_members"),
      );
  }

  async find(accountId: string, userId: string, trx: Database = this.db): Promise<Membership | undefined> {
    const home = await trx("users")
      .where({ id: userId, account_id: accountId })
      .first("account_id", { user_id: "id" }, "role", "permissions", "status", "service_scoped", trx.raw("1 as home"), "created_at");
    if (home) return toMembership(home as MembershipRow);
    const other = await trx("account_members").where({ account_id: accountId, user_id: userId }).first("*", trx.raw("0 as home"));
    return other ? toMembership(other as MembershipRow) : undefined;
  }

  /** Every membership of the account, owners first. */
  async listForAccount(accountId: string, trx: Database = this.db): Promise<Membership[]> {
    const rows = await trx
      .from(this.all(trx).as("m"))
      .where("m.account_id", accountId)
      .whereNot("m.status", "removed")
      .orderBy("m.created_at")
      .orderBy("m.user_id");
    return (rows as MembershipRow[]).map(toMembership);
  }

  /** Every membership of a person, in any account. */
  async listForUser(userId: string, trx: Database = this.db): Promise<Membership[]> {
    const rows = await trx.from(this.all(trx).as("m")).where("m.user_id", userId).whereNot("m.status", "removed").orderBy("m.created_at");
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

  /** The role rights of every member of the account, by user id (one query, for notifications). */
  async roleRightsByUser(accountId: string, trx: Database = this.db): Promise<Map<string, Rights[]>> {
    const rows: { user_id: string; role: string; rights: string | null }[] = await trx("member_roles as mr")
      .leftJoin("account_roles as r", (j) => j.on("r.id", "mr.role").andOn("r.account_id", "mr.account_id"))
      .where("mr.account_id", accountId)
      .select("mr.user_id", "mr.role", "r.rights");
    const out = new Map<string, Rights[]>();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), isBuiltInRole(r.role) ? builtInRoles[r.role] : fromJson<Rights>(r.rights, {})]);
    return out;
  }

  /** The role keys of every member of the account, by user id. */
  async roleKeysByUser(accountId: string, trx: Database = this.db): Promise<Map<string, string[]>> {
    const rows: { user_id: string; role: string }[] = await trx("member_roles").where("account_id", accountId).orderBy("role").select("user_id", "role");
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role]);
    return out;
  }

  /** The service scopes of every member of the account, by user id. */
  async scopesByUser(accountId: string, trx: Database = this.db): Promise<Map<string, string[]>> {
    const rows: { user_id: string; service_id: string }[] = await trx("member_services").where("account_id", accountId).select("user_id", "service_id");
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.service_id]);
    return out;
  }

  /** The services a scoped member may see and act on. */
  async scope(accountId: string, userId: string, trx: Database = this.db): Promise<string[]> {
    return (await trx("member_services").where({ account_id: accountId, user_id: userId }).orderBy("service_id").select("service_id")).map(
      (r: { service_id: string }) => r.service_id,
    );
  }

  /** Replaces the member's roles. */
  async setRoles(accountId: string, userId: string, roles: string[], trx: Database = this.db): Promise<void> {
    await trx("member_roles").where({ account_id: accountId, user_id: userId }).delete();
    if (roles.length > 0) await trx("member_roles").insert(roles.map((role) => ({ account_id: accountId, user_id: userId, role })));
  }

  /** Limits the member to `serviceIds`, or (null) lifts the limit. */
  async setScope(membership: Pick<Membership, "accountId" | "userId" | "home">, serviceIds: string[] | null, trx: Database = this.db): Promise<void> {
    await trx("member_services").where({ account_id: membership.accountId, user_id: membership.userId }).delete();
    if (serviceIds && serviceIds.length > 0) {
      await trx("member_services").insert(serviceIds.map((id) => ({ account_id: membership.accountId, user_id: membership.userId, service_id: id })));
    }
    await this.update(membership, { service_scoped: serviceIds !== null }, trx);
  }

  /** Updates the membership's own columns, in `users` (home) or `account_members`. */
  /** Adds services to a member's scope (those already in it stay once). */
  async addToScope(accountId: string, userId: string, serviceIds: string[], trx: Database = this.db): Promise<void> {
    const held = new Set(await this.scope(accountId, userId, trx));
    const added = [...new Set(serviceIds)].filter((id) => !held.has(id));
    if (added.length) await trx("member_services").insert(added.map((id) => ({ account_id: accountId, user_id: userId, service_id: id })));
  }

  async update(
    membership: Pick<Membership, "accountId" | "userId" | "home">,
    changes: { role?: UserRole; status?: Membership["status"]; service_scoped?: boolean; permissions?: string },
    trx: Database = this.db,
  ): Promise<number> {
    return membership.home
      ? trx("users").where({ id: membership.userId, account_id: membership.accountId }).update(changes)
      : trx("account_members").where({ account_id: membership.accountId, user_id: membership.userId }).update(changes);
  }

  async insert(membership: Omit<Membership, "home">, trx: Database = this.db): Promise<void> {
    await trx("account_members").insert({
      account_id: membership.accountId,
      user_id: membership.userId,
      role: membership.role,
      permissions: JSON.stringify(membership.permissions),
      status: membership.status,
      service_scoped: membership.serviceScoped,
      created_at: membership.createdAt,
    });
  }

  /** Removes a membership of another account, with its roles and scope. */
  async remove(accountId: string, userId: string, trx: Database = this.db): Promise<void> {
    await trx("member_roles").where({ account_id: accountId, user_id: userId }).delete();
    await trx("member_services").where({ account_id: accountId, user_id: userId }).delete();
    await trx("account_members").where({ account_id: accountId, user_id: userId }).delete();
  }

  /** The account's active owners, read under a lock on the account's row (MySQL) so two demotions at once queue. */
  async lockOwners(accountId: string, trx: Database): Promise<string[]> {
    await trx("accounts").where({ id: accountId }).forUpdate().first("id");
    const home = await trx("users").where({ account_id: accountId, role: "owner", status: "active" }).select("id");
    const other = await trx("account_members").where({ account_id: accountId, role: "owner", status: "active" }).select({ id: "user_id" });
    return [...home, ...other].map((r: { id: string }) => r.id);
  }
}
