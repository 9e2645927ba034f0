import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";

/** The user's notifications and notification settings, for the personal-data export. */
@injectable()
export class NotificationsPersonalData implements PersonalDataSource {
  readonly name = "notifications";

  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async collect(subject: PersonalDataSubject) {
    // Read page by page as the archive is written.
    const notifications = () =>
      this.db("notifications")
        .where({ user_id: subject.userId, account_id: subject.accountId, in_app: true })
        .select("id", "event", "title", "body", "link", "read_at", "created_at");
    const preferences = await this.db("notification_preferences").where({ user_id: subject.userId });
    return {
      sections: [
        { name: "notifications", query: notifications },
        { name: "notification-preferences", rows: preferences },
      ],
      files: [],
    };
  }
}
