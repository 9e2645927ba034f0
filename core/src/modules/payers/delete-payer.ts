import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { AuditLog } from "../audit/index.js";
import type { PayerInvoices } from "./payer-invoices.js";
import { PayerRepository } from "./payer.repository.js";

/**
 * Deletes a payer: refused (409) for the default payer (make another the default first) and
 * for a payer with open invoices (they are still to be paid as that payer). The row stays,
 * marked deleted, so the invoices and documents that name it can still be found by it.
 */
@injectable()
export class DeletePayer {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(PayerRepository) private readonly payers: PayerRepository,
    @inject(TOKENS.PayerInvoices) private readonly invoices: PayerInvoices,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const payer = await this.payers.findForAccount(auth.accountId, id, { trx, lock: true });
      if (!payer) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "payer" });
      if (payer.isDefault) {
        throw new CabinetError(
          "CAB_ERR_CONFLICT",
          { reason: "default payer" },
          "This is the default payer: make another payer the default before deleting it.",
        );
      }
      const open = await this.invoices.countOpen(auth.accountId, id, trx);
      if (open > 0) {
        throw new CabinetError(
          "CAB_ERR_CONFLICT",
          { reason: "open invoices", openInvoices: open },
          "This payer has open invoices: pay them or have them voided before deleting it.",
        );
      }
      if (!(await this.payers.softDelete(trx, auth.accountId, id, this.clock.now())))
        throw new CabinetError("CAB_ERR_CONFLICT", { reason: "changed meanwhile" }, "The payer changed meanwhile: reload and try again.");
      await this.audit.record(trx, { accountId: auth.accountId, action: "payer.deleted", target: { type: "payer", id }, details: { name: payer.name } });
    });
  }
}
