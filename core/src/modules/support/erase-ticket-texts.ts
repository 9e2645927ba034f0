import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";

const ERASED = "[erased]";

/**
 * The support module's part of an approved erasure (`personal_data.erased`, in the approving
 * transaction): the texts the user wrote (the owner's request: the whole account's tickets)
 * — messages, subjects, rating comments, the author's name — are replaced. Staff replies stay,
 * as the provider's own record; the tickets themselves stay, so numbers and history hold.
 */
@injectable()
export class EraseTicketTexts {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async execute(subject: { brandId: string; accountId: string; userId: string; wholeAccount: boolean }, trx: Database = this.db): Promise<void> {
    const tickets = trx("tickets").where({ brand_id: subject.brandId, account_id: subject.accountId });
    const own = subject.wholeAccount ? tickets : tickets.clone().where({ opened_by_user_id: subject.userId });
    await own.clone().update({ subject: ERASED, rating_comment: null });
    const accountTickets = tickets.clone().select("id");
    await trx("ticket_messages")
      .whereIn("ticket_id", accountTickets)
      .where({ author_kind: "client" })
      .modify((q) => (subject.wholeAccount ? q : q.where({ author_id: subject.userId })))
      .update({ body: ERASED, body_html: `<p>${ERASED}</p>`, author_name: "Erased user" });
  }
}
