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
    const notifications = await this.db("notifications")
      .where({ user_id: subject.userId, account_id: subject.accountId, in_app: true })
      .orderBy("id")
      .select("id", "event", "title", "body", "link", "read_at", "created_at");
    const preferences = await this.db("notification_preferences").where({ user_id: subject.userId });
    return { sections: [{ name: "notifications", rows: notifications }, { name: "notification-preferences", rows: preferences }], files: [] };
  }
}
