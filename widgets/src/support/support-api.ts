import type { ApiClient, Credentials } from "../runtime/api-client.js";
import type { ListPageQuery, Page } from "../runtime/api-types.js";

/**
 * The shapes and calls of the support and notification API (`/api/v1/tickets`,
 * `/support/departments`, `/notifications`, the Telegram plugin's `/plugins/notify-telegram/link`),
 * written after the contract. They travel in the support chunk, not the shared runtime.
 */

export const ticketStatuses = ["open", "awaiting_staff", "awaiting_client", "closed"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

export interface Department {
  id: string;
  name: string;
}

export interface TicketSummary {
  id: string;
  subject: string;
  department: Department;
  priority: TicketPriority;
  status: TicketStatus;
  serviceId: string | null;
  lastMessageAt: string;
  createdAt: string;
  unreadByClient: boolean;
  rating: number | null;
}

export interface TicketAttachment {
  id: string;
  fileName: string;
  size: number;
  mediaType: string;
}

export interface TicketMessage {
  id: string;
  author: { kind: "client" | "staff"; name: string };
  /** Sanitized by the server: the only form of a message the widgets render as HTML. */
  bodyHtml: string;
  /** What the author typed: shown, if ever, as text only. */
  body: string;
  attachments: TicketAttachment[];
  createdAt: string;
}

export interface Ticket extends TicketSummary {
  messages: TicketMessage[];
  canReply: boolean;
  /** Until when a closed ticket may be reopened; null when it may not (or is not closed). */
  canReopenUntil: string | null;
}

export interface ListTicketsQuery extends ListPageQuery {
  status?: TicketStatus;
}

/** What a new ticket carries; the files go as `attachments` in a multipart body. */
export interface NewTicket {
  subject: string;
  departmentId: string;
  priority: TicketPriority;
  serviceId?: string;
  body: string;
  attachments: File[];
}

export interface CabinetNotification {
  id: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  reference: { type: string; id: string } | null;
  readAt: string | null;
  createdAt: string;
}

export type NotificationGroup = "services" | "finance" | "support" | "security";

export interface NotificationPreferences {
  channels: { id: string; name: string; available: boolean }[];
  events: { event: string; label: string; group: NotificationGroup; channels: Record<string, boolean> }[];
}

export interface TelegramLink {
  code: string;
  botUsername: string;
  deepLink: string;
  expiresAt: string;
}

const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;

/** Multipart when there are files, JSON otherwise: the API takes both. */
function withFiles(fields: Record<string, string | undefined>, files: File[]): FormData | Record<string, string> {
  const present = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
  if (files.length === 0) return present;
  const form = new FormData();
  for (const [name, value] of Object.entries(present)) form.append(name, value);
  for (const file of files) form.append("attachments", file, file.name);
  return form;
}

export const supportApi = {
  departments: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ items: Department[] }> =>
    api.request("GET", "/support/departments", { credentials: c, signal }),

  listTickets: (api: ApiClient, query: ListTicketsQuery, c: Credentials, signal?: AbortSignal): Promise<Page<TicketSummary>> =>
    api.request("GET", "/tickets", { query: { ...query }, credentials: c, signal }),

  openTicket: (api: ApiClient, ticket: NewTicket, c: Credentials): Promise<Ticket> => {
    const { attachments, ...fields } = ticket;
    return api.request("POST", "/tickets", { body: withFiles({ ...fields }, attachments), credentials: c });
  },

  getTicket: (api: ApiClient, id: string, c: Credentials, signal?: AbortSignal): Promise<Ticket> =>
    api.request("GET", ticketPath(id), { credentials: c, signal }),

  reply: (api: ApiClient, id: string, body: string, attachments: File[], c: Credentials): Promise<TicketMessage> =>
    api.request("POST", `${ticketPath(id)}/messages`, { body: withFiles({ body }, attachments), credentials: c }),

  close: (api: ApiClient, id: string, c: Credentials): Promise<unknown> => api.request("POST", `${ticketPath(id)}/close`, { credentials: c }),

  reopen: (api: ApiClient, id: string, c: Credentials): Promise<unknown> => api.request("POST", `${ticketPath(id)}/reopen`, { credentials: c }),

  rate: (api: ApiClient, id: string, rating: number, comment: string, c: Credentials): Promise<unknown> =>
    api.request("POST", `${ticketPath(id)}/rating`, { body: comment ? { rating, comment } : { rating }, credentials: c }),

  attachmentPath: (ticketId: string, attachmentId: string): string => `${ticketPath(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`,

  listNotifications: (api: ApiClient, query: ListPageQuery & { unread?: boolean }, c: Credentials, signal?: AbortSignal): Promise<Page<CabinetNotification>> =>
    api.request("GET", "/notifications", {
      query: { cursor: query.cursor, limit: query.limit, unread: query.unread ? "true" : undefined },
      credentials: c,
      signal,
    }),

  unreadCount: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ count: number }> =>
    api.request("GET", "/notifications/unread-count", { credentials: c, signal }),

  markRead: (api: ApiClient, id: string, c: Credentials): Promise<void> =>
    api.request("POST", `/notifications/${encodeURIComponent(id)}/read`, { credentials: c }),

  markAllRead: (api: ApiClient, c: Credentials): Promise<void> => api.request("POST", "/notifications/read-all", { credentials: c }),

  preferences: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<NotificationPreferences> =>
    api.request("GET", "/notifications/preferences", { credentials: c, signal }),

  savePreferences: (api: ApiClient, events: Record<string, Record<string, boolean>>, c: Credentials): Promise<NotificationPreferences> =>
    api.request("PUT", "/notifications/preferences", { body: { events }, credentials: c }),

  telegramStatus: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ linked: boolean; username: string | null }> =>
    api.request("GET", "/plugins/notify-telegram/link", { credentials: c, signal }),

  linkTelegram: (api: ApiClient, c: Credentials): Promise<TelegramLink> => api.request("POST", "/plugins/notify-telegram/link", { credentials: c }),

  unlinkTelegram: (api: ApiClient, c: Credentials): Promise<void> => api.request("DELETE", "/plugins/notify-telegram/link", { credentials: c }),
};
