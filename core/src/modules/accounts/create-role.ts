import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext, Rights } from "./auth-context.js";
import { RoleRepository } from "./role.repository.js";
import { builtInRoleNames, grantsSomething, normalizeRights } from "./rights.js";

/** Checks a role's name and rights: a name of its own, and at least one right. */
export function checkRole(name: string | undefined, rights: Rights | undefined): Rights | undefined {
  if (name !== undefined && (builtInRoleNames as string[]).includes(name.trim().toLowerCase())) {
    throw new CabinetError("CAB_ERR_CONFLICT", { field: "name", reason: "a built-in role has this name" }, "A built-in role has this name.");
  }
  if (rights === undefined) return undefined;
  const normalized = normalizeRights(rights);
  if (!grantsSomething(normalized)) throw new CabinetError("CAB_ERR_ROLE_GRANTS_NOTHING");
  return normalized;
}

/** The owner makes a role of the account's own: a name and a rights table (section × action). */
@injectable()
export class CreateRole {
  constructor(
    @inject(RoleRepository) private readonly roles: RoleRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, input: { name: string; rights: Rights }) {
    const rights = checkRole(input.name, input.rights)!;
    const now = this.clock.now();
    const role = { id: newId("rol", now), accountId: auth.accountId, name: input.name.trim(), rights, createdAt: now };
    try {
      await inTransaction(
        this.db,
        async (trx) => {
          await this.roles.insert(role, trx);
          await this.audit.record(trx, {
            accountId: auth.accountId,
            action: "role.created",
            target: { type: "role", id: role.id },
            details: { name: role.name, rights },
          });
        },
        1,
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new CabinetError(
          "CAB_ERR_CONFLICT",
          { field: "name", reason: "the account has a role with this name" },
          "The account has a role with this name.",
        );
      throw error;
    }
    return { key: role.id, name: role.name, builtIn: false, rights, holders: 0 };
  }
}
