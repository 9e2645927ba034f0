import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";

/** The account's services and their history, for the personal-data export (with the `services` permission). */
@injectable()
export class ServicesPersonalData implements PersonalDataSource {
  readonly name = "services";

  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async collect(subject: PersonalDataSubject) {
    if (!subject.may("services")) return { sections: [], files: [] };
    // Read page by page as the archive is written.
    const services = () => this.db("services").where({ account_id: subject.accountId });
    const history = () => this.db("service_history").whereIn("service_id", this.db("services").where({ account_id: subject.accountId }).select("id"));
    return {
      sections: [
        { name: "services", query: services },
        { name: "service-history", query: history },
      ],
      files: [],
    };
  }
}
