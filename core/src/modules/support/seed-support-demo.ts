import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { newId } from "../../kernel/ids.js";
import { CreateStaffMember } from "../staff/index.js";
import { demoStaff } from "../staff/index.js";
import { DepartmentRepository } from "./department.repository.js";
import { renderMessage } from "./render-message.js";
import { TicketRepository } from "./ticket.repository.js";
import type { Ticket, TicketMessage } from "./ticket.js";

/** The departments every demo brand gets, in this order. */
export const demoDepartments = [
  { code: "technical", name: "Technical support", names: { ru: "Техническая поддержка" } },
  { code: "billing", name: "Billing", names: { ru: "Бухгалтерия" } },
  { code: "sales", name: "Sales", names: { ru: "Отдел продаж" } },
];

const HOUR = 3_600_000;

/**
 * Seeds support for the demo: the brand's departments, and for the first client one ticket
 * the demo staff member has answered. Safe to run again: departments are found by code, and a
 * client who has any ticket gets no new one.
 */
@injectable()
export class SeedSupportDemo {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(CreateStaffMember) private readonly createStaff: CreateStaffMember,
  ) {}

  async execute(brand: { id: string; slug: string }, client: { userId: string; accountId: string; name: string } | undefined): Promise<void> {
    const now = this.clock.now();
    const departments = await this.departments.ensure(brand.id, demoDepartments, now);
    if (!client || brand.slug !== demoStaff.brandSlug) return;
    if ((await this.tickets.list({ accountId: client.accountId }, { limit: 1 })).length) return;
    const { member } = await this.createStaff.execute(demoStaff);
    const technical = departments.find((d) => d.code === "technical")!;
    const asked = now - 3 * HOUR;
    const answered = now - 2 * HOUR;
    const ticket: Ticket = {
      id: newId("tkt", asked),
      brandId: brand.id,
      accountId: client.accountId,
      openedByUserId: client.userId,
      department: { id: technical.id, name: technical.name },
      subject: "Reverse DNS for my VPS",
      priority: "normal",
      status: "awaiting_client",
      serviceId: null,
      assigneeId: member.id,
      lastMessageAt: answered,
      lastStaffReplyAt: answered,
      clientReadAt: null,
      closedAt: null,
      rating: null,
      ratingComment: null,
      createdAt: asked,
    };
    const message = (author: TicketMessage["author"], body: string, at: number): TicketMessage => ({
      id: newId("tmsg", at),
      ticketId: ticket.id,
      author,
      internal: false,
      body,
      bodyHtml: renderMessage(body),
      createdAt: at,
      attachments: [],
    });
    await inTransaction(this.db, async (trx) => {
      await this.tickets.insert(ticket, trx);
      await this.tickets.insertMessage(
        message(
          { kind: "client", id: client.userId, name: client.name },
          "Hello! Could you set the **reverse DNS** of my VPS to `mail.example.com`?\n\nThanks, Alice",
          asked,
        ),
        trx,
      );
      await this.tickets.insertMessage(
        message(
          { kind: "staff", id: member.id, name: member.name },
          "Hi Alice,\n\nDone: the PTR record now points to `mail.example.com`. It may take up to an hour to propagate.\n\n- check it with `dig -x <your IP>`\n- see [our DNS guide](https://northwind.example/docs/dns)\n\nAnything else, just reply here.",
          answered,
        ),
        trx,
      );
    });
  }
}
