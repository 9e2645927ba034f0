import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { inTransaction } from "../../db/transaction.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { UploadedFile } from "../../http/multipart.js";
import type { AuthContext } from "../accounts/index.js";
import { FindUser } from "../accounts/index.js";
import { GetService } from "../services/index.js";
import { DepartmentRepository } from "./department.repository.js";
import { MessageWriter } from "./message-writer.js";
import { TicketFloodLimiter } from "./ticket-flood-limiter.js";
import { TicketRepository } from "./ticket.repository.js";
import { unprocessable, type Ticket, type TicketPriority } from "./ticket.js";

export interface NewTicket {
  subject: string;
  departmentId: string;
  priority: TicketPriority;
  serviceId?: string;
  body: string;
}

/**
 * Opens a ticket with its first message and attachments. The department must be the brand's,
 * the service (if any) the account's — asked of the services module, whose table this module
 * never reads. `ticket.opened` is published once the ticket is committed.
 */
@injectable()
export class OpenTicket {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @inject(MessageWriter) private readonly writer: MessageWriter,
    @inject(TicketFloodLimiter) private readonly flood: TicketFloodLimiter,
    @inject(GetService) private readonly services: GetService,
    @inject(FindUser) private readonly users: FindUser,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "accountId" | "brandId">, input: NewTicket, files: UploadedFile[]): Promise<Ticket> {
    const department = await this.departments.find(auth.brandId, input.departmentId);
    if (!department) throw unprocessable("departmentId", "is not a department of this brand");
    if (input.serviceId) {
      await this.services.execute(auth, input.serviceId).catch((error: unknown) => {
        if (error instanceof CabinetError && error.status === 404) throw unprocessable("serviceId", "is not a service of this account");
        throw error;
      });
    }
    const user = await this.users.execute(auth.userId);
    if (!user) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    await this.flood.admitOpen(auth.userId);

    const now = this.clock.now();
    const ticket: Ticket = {
      id: newId("tkt", now),
      brandId: auth.brandId,
      accountId: auth.accountId,
      openedByUserId: auth.userId,
      department: { id: department.id, name: department.name },
      subject: input.subject.trim(),
      priority: input.priority,
      status: "open",
      serviceId: input.serviceId ?? null,
      assigneeId: null,
      lastMessageAt: now,
      lastStaffReplyAt: null,
      clientReadAt: now,
      closedAt: null,
      rating: null,
      ratingComment: null,
      createdAt: now,
    };
    const message = await this.writer.prepare({
      ticketId: ticket.id,
      author: { kind: "client", id: user.id, name: user.name },
      internal: false,
      body: input.body,
      files,
    });
    try {
      await inTransaction(this.db, async (trx) => {
        await this.tickets.insert(ticket, trx);
        await this.tickets.insertMessage(message, trx);
      });
    } catch (error) {
      await this.writer.discard(message);
      throw error;
    }
    await this.events.publish("ticket.opened", { brandId: ticket.brandId, accountId: ticket.accountId, ticketId: ticket.id, userId: auth.userId });
    return ticket;
  }
}
