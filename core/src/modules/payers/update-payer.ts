import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { AuditLog } from "../audit/index.js";
import type { Brand } from "../brands/index.js";
import { checkPayer, type PayerInput } from "./check-payer.js";
import { describePayer } from "./describe-payer.js";
import { PayerRepository } from "./payer.repository.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * Replaces a payer's details (all of them: the form sends the whole payer). Invoices and
 * documents issued before keep the details they were issued with; the next ones carry these.
 */
@injectable()
export class UpdatePayer {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(PayerRepository) private readonly payers: PayerRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, brand: Brand, id: string, input: PayerInput) {
    const details = checkPayer(brand, input);
    const payer = await inTransaction(this.db, async (trx) => {
      const now = this.clock.now();
      if (!(await this.payers.update(trx, auth.accountId, id, details, now))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "payer" });
      await this.audit.record(trx, {
        accountId: auth.accountId,
        action: "payer.changed",
        target: { type: "payer", id },
        details: { name: details.name, country: details.country },
      });
      return findOrFail(await this.payers.findForAccount(auth.accountId, id, { trx }), "payer", id);
    });
    return describePayer(payer);
  }
}
