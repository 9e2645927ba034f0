import { textIn } from "../../kernel/localized-text.js";
import { downloadName } from "./attachment-file.js";
import type { Ticket, TicketMessage } from "./ticket.js";
import { reopenableUntil } from "./ticket.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** Whether a staff reply came after the client last opened the ticket. */
export function unreadByClient(ticket: Ticket): boolean {
  return ticket.lastStaffReplyAt !== null && (ticket.clientReadAt === null || ticket.lastStaffReplyAt > ticket.clientReadAt);
}

/** A ticket in a list, as clients and staff see it: the department named in `locale` (staff: the default name). */
export function describeTicketSummary(ticket: Ticket, locale?: string) {
  return {
    id: ticket.id,
    subject: ticket.subject,
    department: { id: ticket.department.id, name: locale ? textIn(ticket.department.name, ticket.department.names, locale) : ticket.department.name },
    priority: ticket.priority,
    status: ticket.status,
    serviceId: ticket.serviceId,
    lastMessageAt: iso(ticket.lastMessageAt),
    createdAt: iso(ticket.createdAt),
    unreadByClient: unreadByClient(ticket),
    rating: ticket.rating,
  };
}

function describeMessage(message: TicketMessage) {
  return {
    id: message.id,
    author: { kind: message.author.kind, name: message.author.name },
    bodyHtml: message.bodyHtml,
    body: message.body,
    attachments: message.attachments.map((a) => ({ id: a.id, fileName: downloadName(a.fileName, a.mediaType), size: a.size, mediaType: a.mediaType })),
    createdAt: iso(message.createdAt),
  };
}

/** A message as the client sees it (internal notes never reach this). */
export const describeClientMessage = describeMessage;

/** A message as staff see it: who wrote it, and whether it is an internal note. */
export function describeStaffMessage(message: TicketMessage) {
  const described = describeMessage(message);
  return { ...described, author: { ...described.author, id: message.author.id }, internal: message.internal };
}

/** Whether and until when the client may still write on the ticket. */
function replyWindow(ticket: Ticket, reopenPeriodDays: number, now: number) {
  const until = reopenableUntil(ticket, reopenPeriodDays);
  return { canReply: until === null || now <= until, canReopenUntil: until === null ? null : iso(until) };
}

export function describeClientTicket(ticket: Ticket, messages: TicketMessage[], reopenPeriodDays: number, now: number, locale?: string) {
  return { ...describeTicketSummary(ticket, locale), messages: messages.map(describeClientMessage), ...replyWindow(ticket, reopenPeriodDays, now) };
}

export function describeStaffTicketSummary(ticket: Ticket) {
  return { ...describeTicketSummary(ticket, undefined), accountId: ticket.accountId, assigneeId: ticket.assigneeId };
}

export function describeStaffTicket(ticket: Ticket, messages: TicketMessage[], reopenPeriodDays: number, now: number) {
  return {
    ...describeStaffTicketSummary(ticket),
    openedByUserId: ticket.openedByUserId,
    closedAt: ticket.closedAt === null ? null : iso(ticket.closedAt),
    ratingComment: ticket.ratingComment,
    messages: messages.map(describeStaffMessage),
    ...replyWindow(ticket, reopenPeriodDays, now),
  };
}
