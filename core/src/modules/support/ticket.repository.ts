import type { LocalizedText } from "../../kernel/localized-text.js";
import { fromJson } from "../../db/json.js";
import { inject, injectable } from "tsyringe";
import type { Knex } from "knex";
import type { ActorContext } from "../../kernel/actor-context.js";
import { TOKENS } from "../../kernel/tokens.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import type { Ticket, TicketAttachment, TicketMessage, TicketPriority, TicketStatus } from "./ticket.js";

interface TicketRow {
  id: string;
  brand_id: string;
  account_id: string;
  opened_by_user_id: string;
  department_id: string;
  department_name: string;
  department_names?: string | null;
  subject: string;
  priority: TicketPriority;
  status: TicketStatus;
  service_id: string | null;
  assignee_id: string | null;
  last_message_at: number;
  last_staff_reply_at: number | null;
  client_read_at: number | null;
  closed_at: number | null;
  rating: number | null;
  rating_comment: string | null;
  created_at: number;
}

interface MessageRow {
  id: string;
  ticket_id: string;
  author_kind: "client" | "staff";
  author_id: string;
  author_name: string;
  internal: number | boolean;
  body: string;
  body_html: string;
  created_at: number;
}

interface AttachmentRow {
  id: string;
  ticket_id: string;
  message_id: string;
  file_name: string;
  media_type: string;
  size: number;
  storage_key: string;
  sha256: string;
  created_at: number;
}

const nullableNumber = (v: number | null) => (v === null ? null : Number(v));

const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  openedByUserId: r.opened_by_user_id,
  department: { id: r.department_id, name: r.department_name, names: fromJson<LocalizedText>(r.department_names, {}) },
  subject: r.subject,
  priority: r.priority,
  status: r.status,
  serviceId: r.service_id,
  assigneeId: r.assignee_id,
  lastMessageAt: Number(r.last_message_at),
  lastStaffReplyAt: nullableNumber(r.last_staff_reply_at),
  clientReadAt: nullableNumber(r.client_read_at),
  closedAt: nullableNumber(r.closed_at),
  rating: nullableNumber(r.rating),
  ratingComment: r.rating_comment,
  createdAt: Number(r.created_at),
});

const toAttachment = (r: AttachmentRow): TicketAttachment => ({
  id: r.id,
  ticketId: r.ticket_id,
  messageId: r.message_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: Number(r.size),
  storageKey: r.storage_key,
  sha256: r.sha256,
  createdAt: Number(r.created_at),
});

/** Who may see a ticket: a client's account, or a brand's staff. Every read and write filters by it in SQL. */
export type TicketScope = { accountId: string } | { brandId: string };

export interface TicketFilter {
  status?: TicketStatus;
  departmentId?: string;
  /** A staff member's id, or null for tickets nobody is assigned to. */
  assigneeId?: string | null;
  afterId?: string;
  limit: number;
}

/** The tables `tickets`, `ticket_messages` and `ticket_attachments`; only the support module uses them. */
@injectable()
export class TicketRepository {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
  ) {}

  /**
   * A client's user limited to some services sees the tickets about those, and the ones they
   * opened themself: in the SQL of every client read and write, so any other id answers 404.
   */
  private serviceScoped = (prefix: string) => (query: Knex.QueryBuilder) => {
    const actor = this.actors.current();
    if (!actor.serviceScope) return;
    query.where((w) => {
      w.whereIn(`${prefix}service_id`, actor.serviceScope!);
      if (actor.id) w.orWhere(`${prefix}opened_by_user_id`, actor.id);
    });
  };

  /** Tickets with their department's name, in one query; newest first, below `afterId`. */
  async list(scope: TicketScope, filter: TicketFilter): Promise<Ticket[]> {
    const query = this.selectTickets(this.db, scope);
    if (filter.status) query.where("t.status", filter.status);
    if (filter.departmentId) query.where("t.department_id", filter.departmentId);
    if (filter.assigneeId === null) query.whereNull("t.assignee_id");
    else if (filter.assigneeId) query.where("t.assignee_id", filter.assigneeId);
    if (filter.afterId) query.where("t.id", "<", filter.afterId);
    const rows: TicketRow[] = await query.orderBy("t.id", "desc").limit(filter.limit);
    return rows.map(toTicket);
  }

  /** One ticket in scope; `lock` holds its row to the end of the transaction (MySQL). */
  async find(scope: TicketScope, id: string, trx: Database = this.db, lock = false): Promise<Ticket | undefined> {
    const query = this.selectTickets(trx, scope).where("t.id", id);
    if (lock && dialectOf(trx) === "mysql") query.forUpdate();
    const row: TicketRow | undefined = await query.first();
    return row ? toTicket(row) : undefined;
  }

  async insert(ticket: Ticket, trx: Database): Promise<void> {
    await trx("tickets").insert({
      id: ticket.id,
      brand_id: ticket.brandId,
      account_id: ticket.accountId,
      opened_by_user_id: ticket.openedByUserId,
      department_id: ticket.department.id,
      subject: ticket.subject,
      priority: ticket.priority,
      status: ticket.status,
      service_id: ticket.serviceId,
      assignee_id: ticket.assigneeId,
      last_message_at: ticket.lastMessageAt,
      last_staff_reply_at: ticket.lastStaffReplyAt,
      client_read_at: ticket.clientReadAt,
      closed_at: ticket.closedAt,
      rating: ticket.rating,
      rating_comment: ticket.ratingComment,
      created_at: ticket.createdAt,
      updated_at: ticket.createdAt,
    });
  }

  async update(
    scope: TicketScope,
    id: string,
    change: Partial<Pick<Ticket, "status" | "closedAt" | "lastMessageAt" | "lastStaffReplyAt" | "clientReadAt" | "rating" | "ratingComment" | "assigneeId">> & {
      departmentId?: string;
    },
    now: number,
    trx: Database = this.db,
  ): Promise<void> {
    const columns: Record<string, unknown> = { updated_at: now };
    const names: Record<string, string> = {
      status: "status",
      closedAt: "closed_at",
      lastMessageAt: "last_message_at",
      lastStaffReplyAt: "last_staff_reply_at",
      clientReadAt: "client_read_at",
      rating: "rating",
      ratingComment: "rating_comment",
      assigneeId: "assignee_id",
      departmentId: "department_id",
    };
    for (const [key, value] of Object.entries(change)) if (value !== undefined) columns[names[key]] = value;
    await trx("tickets")
      .where({ id, ...scopeColumns(scope) })
      .modify("accountId" in scope ? this.serviceScoped("") : () => {})
      .update(columns);
  }

  /** Closes the ticket unless it already is; false when it was (a concurrent close won), so only one caller announces it. */
  async close(scope: TicketScope, id: string, now: number): Promise<boolean> {
    const changed = await this.db("tickets")
      .where({ id, ...scopeColumns(scope) })
      .modify("accountId" in scope ? this.serviceScoped("") : () => {})
      .whereNot("status", "closed")
      .update({ status: "closed", closed_at: now, updated_at: now });
    return changed > 0;
  }

  async insertMessage(message: TicketMessage, trx: Database): Promise<void> {
    await trx("ticket_messages").insert({
      id: message.id,
      ticket_id: message.ticketId,
      author_kind: message.author.kind,
      author_id: message.author.id,
      author_name: message.author.name,
      internal: message.internal,
      body: message.body,
      body_html: message.bodyHtml,
      created_at: message.createdAt,
    });
    if (message.attachments.length === 0) return;
    await trx("ticket_attachments").insert(
      message.attachments.map((a) => ({
        id: a.id,
        ticket_id: a.ticketId,
        message_id: a.messageId,
        file_name: a.fileName,
        media_type: a.mediaType,
        size: a.size,
        storage_key: a.storageKey,
        sha256: a.sha256,
        created_at: a.createdAt,
      })),
    );
  }

  /** A ticket's messages, oldest first, with their attachments: two queries however many there are. */
  async messages(ticketId: string, options: { internal: boolean }): Promise<TicketMessage[]> {
    const query = this.db<MessageRow>("ticket_messages").where("ticket_id", ticketId);
    if (!options.internal) query.where("internal", false);
    const rows = await query.orderBy("id", "asc");
    const attachments = rows.length
      ? (
          await this.db<AttachmentRow>("ticket_attachments")
            .where("ticket_id", ticketId)
            .whereIn(
              "message_id",
              rows.map((r) => r.id),
            )
            .orderBy("id")
        ).map(toAttachment)
      : [];
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      author: { kind: r.author_kind, id: r.author_id, name: r.author_name },
      internal: Boolean(r.internal),
      body: r.body,
      bodyHtml: r.body_html,
      createdAt: Number(r.created_at),
      attachments: attachments.filter((a) => a.messageId === r.id),
    }));
  }

  /** An attachment of a message the caller may see (an internal note's only for staff). */
  async findAttachment(ticketId: string, attachmentId: string, options: { internal: boolean }): Promise<TicketAttachment | undefined> {
    const query = this.db("ticket_attachments as a")
      .join("ticket_messages as m", "m.id", "a.message_id")
      .where({ "a.ticket_id": ticketId, "a.id": attachmentId })
      .select("a.*");
    if (!options.internal) query.where("m.internal", false);
    const row: AttachmentRow | undefined = await query.first();
    return row ? toAttachment(row) : undefined;
  }

  private selectTickets(db: Database, scope: TicketScope) {
    const [column, value] = "accountId" in scope ? ["t.account_id", scope.accountId] : ["t.brand_id", scope.brandId];
    const query = db("tickets as t")
      .join("support_departments as d", "d.id", "t.department_id")
      .where(column, value)
      .select("t.*", "d.name as department_name", "d.names as department_names");
    if ("accountId" in scope) query.modify(this.serviceScoped("t."));
    return query;
  }
}

function scopeColumns(scope: TicketScope): Record<string, string> {
  return "accountId" in scope ? { account_id: scope.accountId } : { brand_id: scope.brandId };
}
