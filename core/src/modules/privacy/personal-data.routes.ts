import { defineRoute } from "../../http/route.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { DataExportRepository } from "./data-export.repository.js";
import { describeDataExport } from "./data-export.js";
import { DownloadDataExport } from "./download-data-export.js";
import { FilePrivacyRequest } from "./file-privacy-request.js";
import { PrivacyRequestRepository } from "./privacy-request.repository.js";
import { describePrivacyRequest } from "./privacy-request.js";
import { Reauthenticate } from "../accounts/index.js";
import type { RequestContext } from "../../http/request-context.js";
import {
  RequestDataExportBody,
  DataExportList,
  DataExportParams,
  DataExportView,
  FilePrivacyRequestBody,
  PrivacyRequestList,
  PrivacyRequestView,
  ZipFile,
} from "./privacy.schemas.js";
import { RequestDataExport } from "./request-data-export.js";

const common = { tags: ["privacy"], auth: "user" as const };

/** The caller's personal data: exports (their own only) and erasure or restriction requests. */
export const personalDataRoutes = [
  defineRoute({
    ...common,
    method: "post",
    path: "/privacy/exports",
    operationId: "requestDataExport",
    summary: "Prepare an export of everything held about the caller and their account",
    description:
      "Re-authentication first: `password` when the user has one, `code` when a second factor is on (403 CAB_ERR_REAUTH_FAILED otherwise): the archive holds everything about them. Answers 202 with the export, `queued`; a background job builds a ZIP (each table as JSON and CSV, stored files as they are) and a notification says when it is ready. While one is being built, asking again answers that one. Account-wide parts follow the caller's permissions (the owner gets all).",
    status: 202,
    body: RequestDataExportBody,
    response: DataExportView,
    async handler({ auth, body, scope }) {
      await scope.resolve(Reauthenticate).execute(auth, scope.resolve<RequestContext>(TOKENS.RequestContext).ip, { password: body.password, code: body.code });
      const { export: record } = await scope.resolve(RequestDataExport).execute(auth);
      return describeDataExport(record, scope.resolve<Clock>(TOKENS.Clock).now());
    },
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/privacy/exports",
    operationId: "listDataExports",
    summary: "The caller's exports, newest first, with their progress",
    response: DataExportList,
    async handler({ auth, scope }) {
      const now = scope.resolve<Clock>(TOKENS.Clock).now();
      return { items: (await scope.resolve(DataExportRepository).listForUser(auth.userId)).map((e) => describeDataExport(e, now)) };
    },
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/privacy/exports/:id/download",
    operationId: "downloadDataExport",
    summary: "The ZIP of one of the caller's exports",
    description:
      "Only the user who asked for it: anyone else's id answers 404. 409 CAB_ERR_EXPORT_NOT_READY while it is built; 410 CAB_ERR_EXPORT_EXPIRED after 7 days.",
    params: DataExportParams,
    response: ZipFile,
    produces: "application/zip",
    async handler({ auth, params, scope, ctx }) {
      const file = await scope.resolve(DownloadDataExport).execute(auth.userId, params.id);
      ctx.set("Content-Disposition", `attachment; filename="${file.fileName}"`);
      ctx.set("Content-Length", String(file.size));
      ctx.set("Cache-Control", "no-store");
      ctx.set("X-Content-Type-Options", "nosniff");
      return file.stream as never;
    },
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/privacy/requests",
    operationId: "listPrivacyRequests",
    summary: "The caller's erasure and restriction requests",
    response: PrivacyRequestList,
    handler: async ({ auth, scope }) => ({ items: (await scope.resolve(PrivacyRequestRepository).listForUser(auth.userId)).map(describePrivacyRequest) }),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/privacy/requests",
    operationId: "filePrivacyRequest",
    summary: "Ask for the caller's personal data to be erased, or its processing restricted",
    description:
      "Staff decide. An approved erasure anonymises name, e-mail and ticket texts and keeps invoices, ledger and documents, marked restricted; either approval ends sign-in. The owner's request covers every user of the account. One pending request of a kind at a time (409 CAB_ERR_PRIVACY_REQUEST_PENDING).",
    body: FilePrivacyRequestBody,
    status: 201,
    response: PrivacyRequestView,
    handler: async ({ auth, body, scope }) => describePrivacyRequest(await scope.resolve(FilePrivacyRequest).execute(auth, body.kind, body.reason)),
  }),
];
