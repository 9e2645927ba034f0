import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { UploadedFile } from "../../http/multipart.js";
import { FindStaffMember } from "../staff/index.js";
import type { StaffAuthContext } from "../staff/index.js";
import { MessageWriter } from "./message-writer.js";
import { TicketFloodLimiter } from "./ticket-flood-limiter.js";
import { TicketRepository } from "./ticket.repository.js";
import { statusAfterMessage, type TicketMessage } from "./ticket.js";

/**
 * A staff member's reply, or internal note, on a ticket of their brand. A reply (even to a
 * closed ticket) leaves it awaiting the client and publishes `ticket.replied` (author `staff`)
 * once committed; an internal note changes no status, is never shown to the client and raises
 * no event.
 */
@injectable()
export class PostStaffMessage {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(MessageWriter) private readonly writer: MessageWriter,
    @inject(TicketFloodLimiter) private readonly flood: TicketFloodLimiter,
    @inject(FindStaffMember) private readonly staff: FindStaffMember,
  ) {}

  async execute(
    auth: Pick<StaffAuthContext, "staffId" | "brandId">,
    ticketId: string,
    input: { body: string; internal?: boolean },
    files: UploadedFile[],
  ): Promise<TicketMessage> {
    const scope = { brandId: auth.brandId };
    const ticket = await this.tickets.find(scope, ticketId);
    if (!ticket) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "ticket", id: ticketId });
    const member = await this.staff.execute(auth.brandId, auth.staffId);
    if (!member) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    await this.flood.admitMessage(auth.staffId);
    const internal = input.internal ?? false;

    const message = await this.writer.prepare({ ticketId, author: { kind: "staff", id: member.id, name: member.name }, internal, body: input.body, files });
    try {
      await inTransaction(this.db, async (trx) => {
        await this.tickets.find(scope, ticketId, trx, true); // holds the row against a concurrent client message
        await this.tickets.insertMessage(message, trx);
        if (!internal) {
          const now = message.createdAt;
          await this.tickets.update(
            scope,
            ticketId,
            { status: statusAfterMessage(ticket.status, "staff"), closedAt: null, lastMessageAt: now, lastStaffReplyAt: now },
            now,
            trx,
          );
        }
      });
    } catch (error) {
      await this.writer.discard(message);
      throw error;
    }
    if (!internal)
      await this.events.publish("ticket.replied", { brandId: ticket.brandId, accountId: ticket.accountId, ticketId, messageId: message.id, author: "staff" });
    return message;
  }
}
