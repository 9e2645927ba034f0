import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";

/** The account's invoices and their lines, for the personal-data export (with the `finance` permission). */
@injectable()
export class InvoicesPersonalData implements PersonalDataSource {
  readonly name = "invoices";

  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async collect(subject: PersonalDataSubject) {
    if (!subject.may("finance")) return { sections: [], files: [] };
    // Read page by page as the archive is written.
    const invoices = () => this.db("invoices").where({ account_id: subject.accountId });
    const lines = () => this.db("invoice_lines").whereIn("invoice_id", this.db("invoices").where({ account_id: subject.accountId }).select("id"));
    return {
      sections: [
        { name: "invoices", query: invoices },
        { name: "invoice-lines", query: lines },
      ],
      files: [],
    };
  }
}
