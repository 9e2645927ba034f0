import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import type { Rights } from "./auth-context.js";

/** A role an account made for itself, with its rights table. */
export interface CustomRole {
  id: string;
  accountId: string;
  name: string;
  rights: Rights;
  createdAt: number;
}

interface RoleRow {
  id: string;
  account_id: string;
  name: string;
  rights: string;
  created_at: number;
}

const toRole = (r: RoleRow): CustomRole => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  rights: fromJson<Rights>(r.rights, {}),
  createdAt: Number(r.created_at),
});

/** The `account_roles` table, and the `member_roles` rows that name its roles. */
@injectable()
export class RoleRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async list(accountId: string, trx: Database = this.db): Promise<CustomRole[]> {
    return (await trx<RoleRow>("account_roles").where({ account_id: accountId }).orderBy("id")).map(toRole);
  }

  async find(accountId: string, id: string, trx: Database = this.db): Promise<CustomRole | undefined> {
    const row = await trx<RoleRow>("account_roles").where({ account_id: accountId, id }).first();
    return row ? toRole(row) : undefined;
  }

  async insert(role: CustomRole, trx: Database = this.db): Promise<void> {
    await trx("account_roles").insert({ id: role.id, account_id: role.accountId, name: role.name, rights: toJson(role.rights), created_at: role.createdAt });
  }

  async update(accountId: string, id: string, changes: { name?: string; rights?: Rights }, trx: Database = this.db): Promise<boolean> {
    const row: Record<string, string> = {};
    if (changes.name !== undefined) row.name = changes.name;
    if (changes.rights !== undefined) row.rights = toJson(changes.rights);
    if (Object.keys(row).length === 0) return true;
    return (await trx("account_roles").where({ account_id: accountId, id }).update(row)) > 0;
  }

  /** Deletes the role and takes it from everyone who held it. */
  async delete(accountId: string, id: string, trx: Database = this.db): Promise<boolean> {
    await trx("member_roles").where({ account_id: accountId, role: id }).delete();
    return (await trx("account_roles").where({ account_id: accountId, id }).delete()) > 0;
  }

  /** How many members hold each role of the account. */
  async holders(accountId: string, trx: Database = this.db): Promise<Map<string, number>> {
    const rows: { role: string; n: number | string }[] = await trx("member_roles")
      .where({ account_id: accountId })
      .groupBy("role")
      .select("role")
      .count({ n: "*" });
    return new Map(rows.map((r) => [r.role, Number(r.n)]));
  }
}
