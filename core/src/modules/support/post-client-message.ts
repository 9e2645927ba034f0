import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { UploadedFile } from "../../http/multipart.js";
import type { AuthContext } from "../accounts/index.js";
import { FindUser } from "../accounts/index.js";
import { MessageWriter } from "./message-writer.js";
import { TicketFloodLimiter } from "./ticket-flood-limiter.js";
import { TicketRepository } from "./ticket.repository.js";
import { assertClientMayWrite, statusAfterMessage, type TicketMessage } from "./ticket.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * A client's message on a ticket of their account. On a closed ticket it reopens it, within the
 * reopen period (`support.reopenPeriodDays`); past it the answer is 409 `CAB_ERR_TICKET_CLOSED`.
 * `ticket.replied` (author `client`) is published once the message is committed.
 */
@injectable()
export class PostClientMessage {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(MessageWriter) private readonly writer: MessageWriter,
    @inject(TicketFloodLimiter) private readonly flood: TicketFloodLimiter,
    @inject(FindUser) private readonly users: FindUser,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "accountId">, ticketId: string, body: string, files: UploadedFile[]): Promise<TicketMessage> {
    const scope = { accountId: auth.accountId };
    const ticket = await this.tickets.find(scope, ticketId);
    if (!ticket) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "ticket", id: ticketId });
    assertClientMayWrite(ticket, this.config.support.reopenPeriodDays, this.clock.now());
    const user = await this.users.execute(auth.userId);
    if (!user) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    await this.flood.admitMessage(auth.userId);

    const message = await this.writer.prepare({ ticketId, author: { kind: "client", id: user.id, name: user.name }, internal: false, body, files });
    try {
      await inTransaction(this.db, async (trx) => {
        // Read again under a lock: a close or a staff reply that landed meanwhile decides the status.
        const current = findOrFail(await this.tickets.find(scope, ticketId, trx, true), "ticket", ticketId);
        assertClientMayWrite(current, this.config.support.reopenPeriodDays, this.clock.now());
        await this.tickets.insertMessage(message, trx);
        const now = message.createdAt;
        await this.tickets.update(
          scope,
          ticketId,
          { status: statusAfterMessage(current.status, "client"), closedAt: null, lastMessageAt: now, clientReadAt: now },
          now,
          trx,
        );
      });
    } catch (error) {
      await this.writer.discard(message);
      throw error;
    }
    await this.events.publish("ticket.replied", { brandId: ticket.brandId, accountId: ticket.accountId, ticketId, messageId: message.id, author: "client" });
    return message;
  }
}
