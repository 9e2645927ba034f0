import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { EnsureDefaultPayer } from "./ensure-default-payer.js";
import { servesCountry, snapshotOf, vatTreatment, type PayerSnapshot, type VatBrand, type VatTreatment } from "./payer.js";
import { PayerRepository } from "./payer.repository.js";

export interface ChosenPayer {
  payer: PayerSnapshot;
  /** The brand's VAT rule applied to this payer: the rate to charge and why, when it is not the brand's. */
  vat: VatTreatment;
}

/**
 * The payer an invoice or a document is made out to: the one the client chose (`payerId`, one
 * of the account's live payers, else 404), or the account's default. Inside the caller's
 * transaction, holding the payer's row (MySQL), so the payer cannot be deleted while an
 * invoice is being made out to it. A payer in a country the brand has stopped serving is
 * refused (422) before anything is written.
 *
 * `orDefault`: for an invoice nobody is choosing a payer for now (a renewal of a service ordered
 * for a payer): a payer deleted since, or in a country the brand stopped serving, gives way to
 * the account's default instead of refusing — a renewal must still be invoiced to someone.
 *
 * @example
 * const { payer, vat } = await choosePayer.execute(trx, brand, accountId, body.payerId);
 */
@injectable()
export class ChoosePayer {
  constructor(
    @inject(PayerRepository) private readonly payers: PayerRepository,
    @inject(EnsureDefaultPayer) private readonly ensureDefault: EnsureDefaultPayer,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(
    trx: Database | undefined,
    brand: VatBrand,
    accountId: string,
    payerId?: string | null,
    options: { orDefault?: boolean } = {},
  ): Promise<ChosenPayer> {
    const db = trx ?? this.db;
    let chosen = payerId ? await this.payers.findForAccount(accountId, payerId, { trx: db, lock: true }) : await this.ensureDefault.execute(accountId, db);
    if (options.orDefault && payerId && (!chosen || (chosen.country !== null && !servesCountry(brand, chosen.country))))
      chosen = await this.ensureDefault.execute(accountId, db);
    if (!chosen) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "payer", payerId });
    if (chosen.country !== null && !servesCountry(brand, chosen.country)) {
      throw new CabinetError(
        "CAB_ERR_UNPROCESSABLE",
        { reason: "country not served", payerId: chosen.id, country: chosen.country },
        `We do not serve payers in ${chosen.country}: choose another payer.`,
      );
    }
    return { payer: snapshotOf(chosen), vat: vatTreatment(brand, chosen) };
  }
}
