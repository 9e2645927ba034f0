import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { FileStore } from "../../extension-points/file-store.js";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";

/** The account's tickets, their messages (staff's internal notes left out) and attachments, for the personal-data export. */
@injectable()
export class SupportPersonalData implements PersonalDataSource {
  readonly name = "support";

  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.FileStore) private readonly files: FileStore,
  ) {}

  async collect(subject: PersonalDataSubject) {
    // Without the support permission a member still gets the tickets they opened themselves.
    const ticketIds = () =>
      this.db("tickets")
        .where({ account_id: subject.accountId })
        .modify((q) => (subject.may("support") ? q : q.where({ opened_by_user_id: subject.userId })))
        .select("id");
    const tickets = () =>
      this.db("tickets")
        .whereIn("id", ticketIds())
        .select("id", "subject", "priority", "status", "service_id", "opened_by_user_id", "rating", "rating_comment", "created_at", "closed_at");
    const messages = () => this.db("ticket_messages").whereIn("ticket_id", ticketIds()).where({ internal: false });
    // The attachments' list is needed now (their files go into the archive); their messages' texts are read page by page later.
    const attachments = await this.db("ticket_attachments")
      .whereIn("message_id", messages().select("id"))
      .orderBy("id")
      .select("id", "ticket_id", "message_id", "file_name", "media_type", "size", "storage_key", "sha256", "created_at");
    return {
      sections: [
        { name: "tickets", query: tickets },
        { name: "ticket-messages", query: () => messages().select("id", "ticket_id", "author_kind", "author_name", "body", "created_at") },
        { name: "ticket-attachments", rows: attachments.map(({ storage_key: _, ...row }) => row) },
      ],
      files: attachments.map((a) => ({
        // eslint-disable-next-line no-control-regex -- control characters are what it strips from file names
        path: `tickets/${a.ticket_id}/${a.id}-${String(a.file_name).replace(/[\\/\u0000-\u001f]/g, "_")}`,
        open: () => this.files.get(a.storage_key),
      })),
    };
  }
}
