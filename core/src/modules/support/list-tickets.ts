import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import type { AuthContext } from "../accounts/index.js";
import { describeTicketSummary } from "./describe-ticket.js";
import { TicketRepository } from "./ticket.repository.js";
import type { TicketStatus } from "./ticket.js";

/** A page of the account's tickets, newest first: one query, whatever the page's length. */
@injectable()
export class ListTickets {
  constructor(@inject(TicketRepository) private readonly tickets: TicketRepository) {}

  async execute(
    auth: Pick<AuthContext, "accountId"> & Partial<Pick<AuthContext, "locale">>,
    query: { status?: TicketStatus; cursor?: string; limit?: number },
  ) {
    const limit = query.limit ?? 20;
    const rows = await this.tickets.list({ accountId: auth.accountId }, { status: query.status, afterId: decodeCursor(query.cursor, "tkt"), limit: limit + 1 });
    return toPage(rows, limit, (ticket) => describeTicketSummary(ticket, auth.locale));
  }
}
