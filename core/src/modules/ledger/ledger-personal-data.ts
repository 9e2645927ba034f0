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
    const balances = await this.db("account_balances").where({ account_id: subject.accountId });
    // The ledger can be long: read page by page as the archive is written.
    return {
      sections: [
        { name: "ledger", query: () => this.db("ledger_entries").where({ account_id: subject.accountId }) },
        { name: "balances", rows: balances },
      ],
      files: [],
    };
  }
}
