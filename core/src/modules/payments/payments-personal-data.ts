import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";

/** The account's payments and refunds, for the personal-data export (with the `finance` permission). */
@injectable()
export class PaymentsPersonalData implements PersonalDataSource {
  readonly name = "payments";

  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async collect(subject: PersonalDataSubject) {
    if (!subject.may("finance")) return { sections: [], files: [] };
    // Read page by page as the archive is written.
    return { sections: [{ name: "payments", query: () => this.db("payments").where({ account_id: subject.accountId }) }], files: [] };
  }
}
