import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";

/**
 * The payers module's part of an approved erasure of a whole account (`personal_data.erased`,
 * in the approving transaction): the payers that are people — individuals and sole proprietors
 * — lose their name, address, numbers and e-mail. A company's payer is no one's personal data
 * and stays. Invoices keep the details they were issued with: the law keeps invoices.
 */
@injectable()
export class ErasePayers {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(subject: { accountId: string; wholeAccount: boolean }, trx: Database = this.db): Promise<void> {
    if (!subject.wholeAccount) return;
    await trx("payers")
      .where({ account_id: subject.accountId })
      .whereIn("kind", ["individual", "sole_proprietor"])
      .update({ name: "Erased payer", address: "", registration_number: null, vat_number: null, email: null, updated_at: this.clock.now() });
  }
}
