import { Cursor, Enum, Id, Instant, Limit, Obj, Page, Translations, Type } from "../../http/schema.js";
import { MESSAGE_MAX_LENGTH, ticketPriorities, ticketStatuses } from "./ticket.js";

const TicketStatusSchema = Enum(ticketStatuses);
const PrioritySchema = Enum(ticketPriorities);

/** Text with at least one character that is not a space: an empty message is refused by its schema. */
const Text = (maxLength: number, description?: string) => Type.String({ minLength: 1, maxLength, pattern: "\\S", ...(description ? { description } : {}) });
const MessageBody = Text(MESSAGE_MAX_LENGTH, "Plain text or a small Markdown subset (see docs/api.md, Tickets)");

export const DepartmentsView = Obj({ items: Type.Array(Obj({ id: Type.String(), name: Type.String() })) });

const DepartmentName = Type.String({ minLength: 1, maxLength: 120, pattern: "\\S", description: "In the brand's default locale" });
export const StaffDepartmentView = Obj({ id: Type.String(), code: Type.String(), name: DepartmentName, names: Translations(120) });
export const StaffDepartmentsView = Obj({ items: Type.Array(StaffDepartmentView) });
export const DepartmentIdParams = Obj({ id: Id("dep") });
export const UpdateDepartmentBody = Obj({ name: Type.Optional(DepartmentName), names: Type.Optional(Translations(120)) });

const AttachmentView = Obj({ id: Type.String(), fileName: Type.String(), size: Type.Integer(), mediaType: Type.String() });

const messageFields = {
  id: Type.String(),
  author: Obj({ kind: Enum(["client", "staff"] as const), name: Type.String() }),
  bodyHtml: Type.String({ description: "Rendered from `body` on the server: safe to insert as HTML" }),
  body: Type.String({ description: "The source, as written" }),
  attachments: Type.Array(AttachmentView),
  createdAt: Instant,
};
export const MessageView = Obj(messageFields);
export const StaffMessageView = Obj({
  ...messageFields,
  author: Obj({ kind: Enum(["client", "staff"] as const), name: Type.String(), id: Type.String({ description: "A user's id, or a staff member's" }) }),
  internal: Type.Boolean({ description: "A staff note the client never sees" }),
});

const summaryFields = {
  id: Type.String(),
  subject: Type.String(),
  department: Obj({ id: Type.String(), name: Type.String() }),
  priority: PrioritySchema,
  status: TicketStatusSchema,
  serviceId: Type.Union([Type.String(), Type.Null()]),
  lastMessageAt: Instant,
  createdAt: Instant,
  unreadByClient: Type.Boolean({ description: "A staff reply came after the client last opened the ticket" }),
  rating: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
};
const replyWindowFields = {
  canReply: Type.Boolean({ description: "False once a closed ticket is past its reopen period" }),
  canReopenUntil: Type.Union([Instant, Type.Null()], { description: "While closed: until when the client may reopen it (or reply, which reopens it)" }),
};
export const TicketSummaryView = Obj(summaryFields);
export const TicketsPage = Page(TicketSummaryView);
export const TicketView = Obj({ ...summaryFields, messages: Type.Array(MessageView), ...replyWindowFields });

const staffSummaryFields = { ...summaryFields, accountId: Type.String(), assigneeId: Type.Union([Type.String(), Type.Null()]) };
export const StaffTicketSummaryView = Obj(staffSummaryFields);
export const StaffTicketsPage = Page(StaffTicketSummaryView);
export const StaffTicketView = Obj({
  ...staffSummaryFields,
  openedByUserId: Type.String(),
  closedAt: Type.Union([Instant, Type.Null()]),
  ratingComment: Type.Union([Type.String(), Type.Null()]),
  messages: Type.Array(StaffMessageView),
  ...replyWindowFields,
});

export const ListTicketsQuery = Obj({ status: Type.Optional(TicketStatusSchema), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });
export const StaffTicketsQuery = Obj({
  status: Type.Optional(TicketStatusSchema),
  departmentId: Type.Optional(Id("dep")),
  assignee: Type.Optional(
    Type.String({ pattern: "^(me|none|stf_[0-9a-z]{10,40})$", maxLength: 64, description: "A staff member's id, `me`, or `none` (nobody)" }),
  ),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const TicketIdParams = Obj({ id: Id("tkt") });
export const AttachmentParams = Obj({ id: Id("tkt"), attachmentId: Id("att") });

export const OpenTicketBody = Obj({
  subject: Text(200),
  departmentId: Id("dep"),
  priority: PrioritySchema,
  serviceId: Type.Optional(Id("svc")),
  body: MessageBody,
});
export const MessageBodySchema = Obj({ body: MessageBody });
export const StaffMessageBody = Obj({
  body: MessageBody,
  internal: Type.Optional(Type.Boolean({ description: "An internal note: never shown to the client, raises no event" })),
});
export const RatingBody = Obj({ rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) });
export const UpdateTicketBody = Obj({
  assigneeId: Type.Optional(Type.Union([Id("stf"), Type.Null()], { description: "A staff member of the brand; null unassigns" })),
  departmentId: Type.Optional(Id("dep")),
  status: Type.Optional(TicketStatusSchema),
});

export const AttachmentFile = Type.Unsafe<Buffer>({
  type: "string",
  format: "binary",
  description: "The file, of the type found in its bytes, as an attachment",
});

const OwnLimits = {
  attachmentMaxBytes: Type.Union([Type.Integer({ minimum: 1024, maximum: 100_000_000 }), Type.Null()], {
    description: "Largest attachment, in bytes; null: the config's `support.attachmentMaxBytes`",
  }),
  attachmentsPerMessage: Type.Union([Type.Integer({ minimum: 0, maximum: 20 }), Type.Null()], {
    description: "Most attachments on one message; null: the config's `support.attachmentsPerMessage`",
  }),
};
export const SupportSettingsBody = Obj(OwnLimits);
export const SupportSettingsView = Obj({
  ...OwnLimits,
  effective: Obj({ attachmentMaxBytes: Type.Integer(), attachmentsPerMessage: Type.Integer() }, { description: "The limits in force" }),
});
