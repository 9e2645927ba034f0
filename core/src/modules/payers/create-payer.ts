import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { AuditLog } from "../audit/index.js";
import type { Brand } from "../brands/index.js";
import { checkPayer, type PayerInput } from "./check-payer.js";
import { describePayer } from "./describe-payer.js";
import type { Payer } from "./payer.js";
import { PayerRepository } from "./payer.repository.js";

/** An account holds at most this many payers (deleted ones do not count). */
export const MAX_PAYERS = 50;

/**
 * Adds a payer to the account. The account's first payer becomes its default; `makeDefault`
 * makes any other one the default. Checked first (VAT number format, served country), then
 * written in one transaction with its audit entry.
 */
@injectable()
export class CreatePayer {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(PayerRepository) private readonly payers: PayerRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, brand: Brand, input: PayerInput & { makeDefault?: boolean }) {
    const details = checkPayer(brand, input);
    const payer = await inTransaction(this.db, async (trx) => {
      const count = await this.payers.countLive(auth.accountId, trx);
      if (count >= MAX_PAYERS)
        throw new CabinetError("CAB_ERR_UNPROCESSABLE", { reason: "too many payers", max: MAX_PAYERS }, `An account can have at most ${MAX_PAYERS} payers.`);
      const now = this.clock.now();
      const first = (await this.payers.findDefault(auth.accountId, trx)) === undefined;
      const created: Payer = {
        id: newId("pyr", now),
        accountId: auth.accountId,
        ...details,
        isDefault: false,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      await this.payers.insert(trx, created);
      if (first || input.makeDefault) {
        await this.payers.setDefault(trx, auth.accountId, created.id, now);
        created.isDefault = true;
      }
      await this.audit.record(trx, {
        accountId: auth.accountId,
        action: "payer.created",
        target: { type: "payer", id: created.id },
        details: { name: created.name, country: created.country, isDefault: created.isDefault },
      });
      return created;
    });
    return describePayer(payer);
  }
}
