import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import type { StaffAuthContext } from "../staff/index.js";
import { describeStaffTicketSummary } from "./describe-ticket.js";
import { TicketRepository } from "./ticket.repository.js";
import type { TicketStatus } from "./ticket.js";

export interface BrandTicketsQuery {
  status?: TicketStatus;
  departmentId?: string;
  /** A staff member's id, `me`, or `none` for tickets nobody has taken. */
  assignee?: string;
  cursor?: string;
  limit?: number;
}

/** A page of the staff member's brand's tickets, newest first, filtered; one query per page. */
@injectable()
export class ListBrandTickets {
  constructor(@inject(TicketRepository) private readonly tickets: TicketRepository) {}

  async execute(auth: Pick<StaffAuthContext, "brandId" | "staffId">, query: BrandTicketsQuery) {
    const limit = query.limit ?? 20;
    const assigneeId = query.assignee === "none" ? null : query.assignee === "me" ? auth.staffId : query.assignee;
    const rows = await this.tickets.list(
      { brandId: auth.brandId },
      { status: query.status, departmentId: query.departmentId, assigneeId, afterId: decodeCursor(query.cursor, "tkt"), limit: limit + 1 },
    );
    return toPage(rows, limit, describeStaffTicketSummary);
  }
}
