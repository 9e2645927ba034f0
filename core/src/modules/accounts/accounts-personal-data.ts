import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";

/** The user's profile, their account and their sign-in history (sessions), for the personal-data export. */
@injectable()
export class AccountsPersonalData implements PersonalDataSource {
  readonly name = "accounts";

  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async collect(subject: PersonalDataSubject) {
    const profile = await this.db("users")
      .where({ id: subject.userId, account_id: subject.accountId })
      .select("id", "email", "name", "role", "permissions", "status", "locale", "created_at");
    const account = await this.db("accounts")
      .where({ id: subject.accountId, brand_id: subject.brandId })
      .select("id", "name", "kind", "currency", "status", "created_at");
    // The sign-in history can be long: read page by page as the archive is written.
    const sessions = () =>
      this.db("sessions")
        .where({ user_id: subject.userId, account_id: subject.accountId })
        .select("id", "ip", "user_agent", "created_at", "last_seen_at", "expires_at", "revoked_at");
    return {
      sections: [
        { name: "profile", rows: profile },
        { name: "account", rows: account },
        { name: "sign-in-history", query: sessions },
      ],
      files: [],
    };
  }
}
