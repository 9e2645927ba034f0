import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { AuditLog } from "../audit/index.js";
import { describePayer } from "./describe-payer.js";
import { PayerRepository } from "./payer.repository.js";

/** Makes a payer the account's default: what orders, renewals and documents use when none is chosen. */
@injectable()
export class SetDefaultPayer {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(PayerRepository) private readonly payers: PayerRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string) {
    const payer = await inTransaction(this.db, async (trx) => {
      const found = await this.payers.findForAccount(auth.accountId, id, { trx, lock: true });
      if (!found) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "payer" });
      if (found.isDefault) return found;
      await this.payers.setDefault(trx, auth.accountId, id, this.clock.now());
      await this.audit.record(trx, { accountId: auth.accountId, action: "payer.made_default", target: { type: "payer", id }, details: { name: found.name } });
      return { ...found, isDefault: true };
    });
    return describePayer(payer);
  }
}
