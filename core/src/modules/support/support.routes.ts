import type { Context } from "koa";
import type { DependencyContainer } from "tsyringe";
import { defineRoute } from "../../http/route.js";
import type { Brand } from "../brands/index.js";
import { attachmentDisposition, downloadName } from "./attachment-file.js";
import { CloseTicket } from "./close-ticket.js";
import { describeClientMessage } from "./describe-ticket.js";
import { GetTicket } from "./get-ticket.js";
import { GetTicketAttachment } from "./get-ticket-attachment.js";
import { GetUploadLimits } from "./get-upload-limits.js";
import { ListDepartments } from "./list-departments.js";
import { requestLocale } from "../../http/request-locale.js";
import { ListTickets } from "./list-tickets.js";
import { OpenTicket } from "./open-ticket.js";
import { PostClientMessage } from "./post-client-message.js";
import { RateTicket } from "./rate-ticket.js";
import { ReopenTicket } from "./reopen-ticket.js";
import type { TicketScope } from "./ticket.repository.js";
import {
  AttachmentFile,
  AttachmentParams,
  DepartmentsView,
  ListTicketsQuery,
  MessageBodySchema,
  MessageView,
  OpenTicketBody,
  RatingBody,
  TicketIdParams,
  TicketsPage,
  TicketView,
} from "./support.schemas.js";

const common = { tags: ["support"], auth: "user" as const, permission: "support" as const };

/** Files arrive in the `attachments` field, within the brand's limits. */
export const attachmentUploads = {
  field: "attachments",
  limits: ({ brand, scope }: { brand: Brand; scope: DependencyContainer }) => scope.resolve(GetUploadLimits).execute(brand.id),
};

const UPLOAD_NOTE =
  "JSON, or `multipart/form-data` with the same fields and files in `attachments`. Attachments: at most the brand's count (422 CAB_ERR_TOO_MANY_ATTACHMENTS) and size each (413 CAB_ERR_ATTACHMENT_TOO_LARGE); their type is found in their bytes, and one not on the list answers 415 CAB_ERR_ATTACHMENT_TYPE. Too many in a short time: 429 CAB_ERR_RATE_LIMITED.";

/** Sends a stored attachment: always as a download, never rendered by the browser. */
export async function sendAttachment(ctx: Context, scope: DependencyContainer, ticketScope: TicketScope, params: { id: string; attachmentId: string }) {
  const file = await scope.resolve(GetTicketAttachment).execute(ticketScope, params.id, params.attachmentId);
  ctx.set("Content-Type", file.mediaType);
  ctx.set("Content-Disposition", attachmentDisposition(downloadName(file.fileName, file.mediaType)));
  ctx.set("Content-Length", String(file.size));
  ctx.set("X-Content-Type-Options", "nosniff");
  ctx.set("Content-Security-Policy", "default-src 'none'; sandbox");
  return file.stream as never;
}

export const supportRoutes = [
  defineRoute({
    ...common,
    method: "get",
    path: "/support/departments",
    operationId: "listSupportDepartments",
    summary: "The brand's support departments",
    response: DepartmentsView,
    handler: ({ auth, brand, ctx, scope }) => scope.resolve(ListDepartments).execute(brand.id, requestLocale(ctx, brand, auth)),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/tickets",
    operationId: "listTickets",
    summary: "The account's tickets, newest first",
    query: ListTicketsQuery,
    response: TicketsPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListTickets).execute(auth, query),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/tickets",
    operationId: "openTicket",
    summary: "Open a ticket with its first message",
    description: `${UPLOAD_NOTE} A department of another brand or a service of another account: 422 CAB_ERR_UNPROCESSABLE (\`details.field\`).`,
    body: OpenTicketBody,
    uploads: attachmentUploads,
    response: TicketView,
    status: 201,
    handler: async ({ auth, body, files, scope }) => {
      const ticket = await scope.resolve(OpenTicket).execute(auth, body, files);
      return scope.resolve(GetTicket).execute(auth, ticket.id, { markRead: false });
    },
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/tickets/:id",
    operationId: "getTicket",
    summary: "One ticket with its conversation; marks staff replies read",
    params: TicketIdParams,
    response: TicketView,
    handler: ({ auth, params, scope }) => scope.resolve(GetTicket).execute(auth, params.id),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/tickets/:id/messages",
    operationId: "postTicketMessage",
    summary: "Add a message to a ticket",
    description: `${UPLOAD_NOTE} On a closed ticket it reopens it, within the reopen period; past it: 409 CAB_ERR_TICKET_CLOSED.`,
    params: TicketIdParams,
    body: MessageBodySchema,
    uploads: attachmentUploads,
    response: MessageView,
    status: 201,
    handler: async ({ auth, params, body, files, scope }) =>
      describeClientMessage(await scope.resolve(PostClientMessage).execute(auth, params.id, body.body, files)),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/tickets/:id/close",
    operationId: "closeTicket",
    summary: "Close a ticket (closing a closed one changes nothing)",
    params: TicketIdParams,
    response: TicketView,
    handler: async ({ auth, params, scope }) => {
      await scope.resolve(CloseTicket).execute({ accountId: auth.accountId }, params.id);
      return scope.resolve(GetTicket).execute(auth, params.id, { markRead: false });
    },
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/tickets/:id/reopen",
    operationId: "reopenTicket",
    summary: "Reopen a closed ticket within its reopen period",
    description: "409 CAB_ERR_TICKET_CLOSED past the period; 409 CAB_ERR_CONFLICT for a ticket that is not closed.",
    params: TicketIdParams,
    response: TicketView,
    handler: async ({ auth, params, scope }) => {
      await scope.resolve(ReopenTicket).execute(auth, params.id);
      return scope.resolve(GetTicket).execute(auth, params.id, { markRead: false });
    },
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/tickets/:id/rating",
    operationId: "rateTicket",
    summary: "Rate a closed ticket (1–5); rating again replaces it",
    description: "409 CAB_ERR_CONFLICT for a ticket that is not closed.",
    params: TicketIdParams,
    body: RatingBody,
    response: TicketView,
    handler: async ({ auth, params, body, scope }) => {
      await scope.resolve(RateTicket).execute(auth, params.id, body);
      return scope.resolve(GetTicket).execute(auth, params.id, { markRead: false });
    },
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/tickets/:id/attachments/:attachmentId",
    operationId: "getTicketAttachment",
    summary: "Download an attachment of a ticket",
    description: "Always `Content-Disposition: attachment`, with the type found in the file's bytes and `X-Content-Type-Options: nosniff`.",
    params: AttachmentParams,
    response: AttachmentFile,
    produces: "application/octet-stream",
    handler: ({ auth, params, scope, ctx }) => sendAttachment(ctx, scope, { accountId: auth.accountId }, params),
  }),
];
