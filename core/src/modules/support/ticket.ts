import type { LocalizedText } from "../../kernel/localized-text.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { DAY_MS } from "../../kernel/time.js";

/** Longest message body, in characters. */
export const MESSAGE_MAX_LENGTH = 20_000;

export const ticketStatuses = ["open", "awaiting_staff", "awaiting_client", "closed"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** A client's request to support. Statuses: `open → awaiting_staff ⇄ awaiting_client → closed`. */
export interface Ticket {
  id: string;
  brandId: string;
  accountId: string;
  openedByUserId: string;
  /** `names`: the department's name in the brand's other locales (a client reads it in theirs). */
  department: { id: string; name: string; names?: LocalizedText };
  subject: string;
  priority: TicketPriority;
  status: TicketStatus;
  serviceId: string | null;
  assigneeId: string | null;
  lastMessageAt: number;
  lastStaffReplyAt: number | null;
  clientReadAt: number | null;
  closedAt: number | null;
  rating: number | null;
  ratingComment: string | null;
  createdAt: number;
}

export interface TicketAttachment {
  id: string;
  ticketId: string;
  messageId: string;
  fileName: string;
  mediaType: string;
  size: number;
  storageKey: string;
  sha256: string;
  createdAt: number;
}

export interface TicketMessage {
  id: string;
  ticketId: string;
  author: { kind: "client" | "staff"; id: string; name: string };
  /** A staff note: never shown to the client, raises no event. */
  internal: boolean;
  body: string;
  bodyHtml: string;
  createdAt: number;
  attachments: TicketAttachment[];
}

/**
 * Where a ticket goes when one side writes: the other side is then expected to answer. A new
 * (`open`) ticket stays open while only its client writes; it becomes `awaiting_staff` once a
 * staff member takes it (is assigned) or the client answers a staff reply.
 */
export function statusAfterMessage(current: TicketStatus, author: "client" | "staff"): TicketStatus {
  if (author === "staff") return "awaiting_client";
  return current === "open" ? "open" : "awaiting_staff";
}

/** Until when a closed ticket may still be reopened by its client (null: it is not closed). */
export function reopenableUntil(ticket: Pick<Ticket, "closedAt">, reopenPeriodDays: number): number | null {
  return ticket.closedAt === null ? null : ticket.closedAt + reopenPeriodDays * DAY_MS;
}

/** A closed ticket past its reopen period refuses the client: 409 `CAB_ERR_TICKET_CLOSED`. */
export function assertClientMayWrite(ticket: Pick<Ticket, "closedAt">, reopenPeriodDays: number, now: number): void {
  const until = reopenableUntil(ticket, reopenPeriodDays);
  if (until !== null && now > until) {
    throw new CabinetError("CAB_ERR_TICKET_CLOSED", { closedAt: new Date(ticket.closedAt!).toISOString(), reopenableUntil: new Date(until).toISOString() });
  }
}

/** A reference in the body that is well-formed but names nothing the caller may use (422, `details.field`). */
export function unprocessable(field: string, message: string): CabinetError {
  return new CabinetError("CAB_ERR_UNPROCESSABLE", { field, reason: message }, `\`${field}\` ${message}.`);
}
