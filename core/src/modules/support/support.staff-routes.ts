import { defineRoute } from "../../http/route.js";
import { describeStaffMessage } from "./describe-ticket.js";
import { GetBrandTicket } from "./get-brand-ticket.js";
import { GetSupportSettings } from "./get-support-settings.js";
import { ListBrandTickets } from "./list-brand-tickets.js";
import { PostStaffMessage } from "./post-staff-message.js";
import { attachmentUploads, sendAttachment } from "./support.routes.js";
import {
  AttachmentFile,
  AttachmentParams,
  DepartmentIdParams,
  StaffDepartmentsView,
  StaffDepartmentView,
  UpdateDepartmentBody,
  StaffMessageBody,
  StaffMessageView,
  StaffTicketsPage,
  StaffTicketsQuery,
  StaffTicketView,
  SupportSettingsBody,
  SupportSettingsView,
  TicketIdParams,
  UpdateTicketBody,
} from "./support.schemas.js";
import { UpdateBrandTicket } from "./update-brand-ticket.js";
import { UpdateSupportSettings } from "./update-support-settings.js";
import { UpdateDepartment } from "./update-department.js";
import { DepartmentRepository } from "./department.repository.js";

const common = { tags: ["staff"], auth: "staff" as const };

/** The brand's tickets for its staff; every query filters by the staff member's brand, so another brand's ticket answers 404. */
export const staffTicketRoutes = [
  defineRoute({
    ...common,
    method: "get",
    path: "/staff/tickets",
    operationId: "staffListTickets",
    summary: "The brand's tickets, newest first",
    description:
      "Filter by `status`, `departmentId` and `assignee` (a staff id, `me` or `none`): `?status=awaiting_staff&assignee=none` is the queue nobody has taken.",
    query: StaffTicketsQuery,
    response: StaffTicketsPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListBrandTickets).execute(auth, query),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/staff/tickets/:id",
    operationId: "staffGetTicket",
    summary: "One ticket of the brand, internal notes included",
    params: TicketIdParams,
    response: StaffTicketView,
    handler: ({ auth, params, scope }) => scope.resolve(GetBrandTicket).execute(auth, params.id),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/staff/tickets/:id/messages",
    operationId: "staffPostTicketMessage",
    summary: "Reply to a ticket, or add an internal note",
    description:
      "A reply leaves the ticket `awaiting_client` (a closed one too) and notifies the client; an internal note (`internal: true`) changes nothing the client sees. JSON, or `multipart/form-data` with files in `attachments` (same limits and errors as the client's).",
    params: TicketIdParams,
    body: StaffMessageBody,
    uploads: attachmentUploads,
    response: StaffMessageView,
    status: 201,
    handler: async ({ auth, params, body, files, scope }) => describeStaffMessage(await scope.resolve(PostStaffMessage).execute(auth, params.id, body, files)),
  }),
  defineRoute({
    ...common,
    method: "patch",
    path: "/staff/tickets/:id",
    operationId: "staffUpdateTicket",
    summary: "Assign a ticket, move it to another department, or set its status",
    description:
      "Assigning a new (`open`) ticket moves it to `awaiting_staff`. A staff member or department not of this brand: 422 CAB_ERR_UNPROCESSABLE (`details.field`).",
    params: TicketIdParams,
    body: UpdateTicketBody,
    response: StaffTicketView,
    handler: async ({ auth, params, body, scope }) => {
      await scope.resolve(UpdateBrandTicket).execute(auth, params.id, body);
      return scope.resolve(GetBrandTicket).execute(auth, params.id);
    },
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/staff/tickets/:id/attachments/:attachmentId",
    operationId: "staffGetTicketAttachment",
    summary: "Download an attachment of a ticket of the brand",
    params: AttachmentParams,
    response: AttachmentFile,
    produces: "application/octet-stream",
    handler: ({ auth, params, scope, ctx }) => sendAttachment(ctx, scope, { brandId: auth.brandId }, params),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/staff/support/departments",
    operationId: "staffListSupportDepartments",
    summary: "The brand's support departments, with their names in every locale",
    response: StaffDepartmentsView,
    handler: async ({ auth, scope }) => ({
      items: (await scope.resolve(DepartmentRepository).list(auth.brandId)).map((d) => ({ id: d.id, code: d.code, name: d.name, names: d.names })),
    }),
  }),
  defineRoute({
    ...common,
    method: "patch",
    path: "/staff/support/departments/:id",
    operationId: "staffUpdateSupportDepartment",
    summary: "Rename a support department, in the brand's default locale and its others",
    description:
      "`names` replaces the whole map (`{}` drops every translation). A locale the brand does not offer: 400, nothing changed; another brand's department: 404.",
    staffRoles: ["admin"],
    params: DepartmentIdParams,
    body: UpdateDepartmentBody,
    response: StaffDepartmentView,
    handler: ({ auth, params, body, brand, scope }) => scope.resolve(UpdateDepartment).execute(auth, params.id, body, brand.locales),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/staff/support/settings",
    operationId: "staffGetSupportSettings",
    summary: "The brand's attachment limits: its own, and those in force",
    response: SupportSettingsView,
    handler: ({ auth, scope }) => scope.resolve(GetSupportSettings).execute(auth),
  }),
  defineRoute({
    ...common,
    method: "put",
    path: "/staff/support/settings",
    operationId: "staffUpdateSupportSettings",
    summary: "Set the brand's own attachment limits",
    description: "A null value falls back to the config's default (`support.attachmentMaxBytes`, `support.attachmentsPerMessage`).",
    staffRoles: ["admin"],
    body: SupportSettingsBody,
    response: SupportSettingsView,
    handler: async ({ auth, body, scope }) => {
      await scope.resolve(UpdateSupportSettings).execute(auth, body);
      return scope.resolve(GetSupportSettings).execute(auth);
    },
  }),
];
