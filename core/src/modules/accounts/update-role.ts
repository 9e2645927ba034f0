import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { isUniqueViolation } from "../../db/errors.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext, Rights } from "./auth-context.js";
import { checkRole } from "./create-role.js";
import { RoleRepository } from "./role.repository.js";

/** Renames a custom role or changes its rights; whoever holds it has the new rights at their next request. */
@injectable()
export class UpdateRole {
  constructor(
    @inject(RoleRepository) private readonly roles: RoleRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string, input: { name?: string; rights?: Rights }) {
    const rights = checkRole(input.name, input.rights);
    const name = input.name?.trim();
    try {
      return await inTransaction(
        this.db,
        async (trx) => {
          const before = await this.roles.find(auth.accountId, id, trx);
          if (!before) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "role", id });
          await this.roles.update(auth.accountId, id, { name, rights }, trx);
          await this.audit.record(trx, {
            accountId: auth.accountId,
            action: "role.changed",
            target: { type: "role", id },
            details: { name: name ?? before.name, rights: rights ?? before.rights, before: before.rights },
          });
          const holders = (await this.roles.holders(auth.accountId, trx)).get(id) ?? 0;
          return { key: id, name: name ?? before.name, builtIn: false, rights: rights ?? before.rights, holders };
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
  }
}
