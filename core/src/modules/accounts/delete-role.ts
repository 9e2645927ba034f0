import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext } from "./auth-context.js";
import { RoleRepository } from "./role.repository.js";

/** Deletes a custom role; those who held it lose what it granted at their next request. */
@injectable()
export class DeleteRole {
  constructor(
    @inject(RoleRepository) private readonly roles: RoleRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const role = await this.roles.find(auth.accountId, id, trx);
      if (!role || !(await this.roles.delete(auth.accountId, id, trx))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "role", id });
      await this.audit.record(trx, { accountId: auth.accountId, action: "role.deleted", target: { type: "role", id }, details: { name: role.name } });
    });
  }
}
