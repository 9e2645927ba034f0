import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";

/** The account's ledger and balances, for the personal-data export (with the `finance` permission). */
@injectable()
export class LedgerPersonalData implements PersonalDataSource {
  readonly name = "ledger";

  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async collect(subject: PersonalDataSubject) {
    if (!subject.may("finance")) return { sections: [], files: [] };
    const entries = await this.db("ledger_entries").where({ account_id: subject.accountId }).orderBy("id");
    const balances = await this.db("account_balances").where({ account_id: subject.accountId });
    return { sections: [{ name: "ledger", rows: entries }, { name: "balances", rows: balances }], files: [] };
  }
}
