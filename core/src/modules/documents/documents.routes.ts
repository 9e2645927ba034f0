import { defineRoute } from "../../http/route.js";
import { outsideServiceScope } from "../../kernel/service-scope.js";
import type { Permission } from "../accounts/index.js";
import { AcceptContract } from "./accept-contract.js";
import { describeDocument } from "./describe-document.js";
import {
  AcceptContractBody,
  ActBody,
  ContractAcceptanceView,
  CurrentContractView,
  DocumentIdParams,
  DocumentsPage,
  DocumentView,
  HtmlText,
  ListDocumentsQuery,
  PdfFile,
  ReconciliationBody,
} from "./documents.schemas.js";
import { GetCurrentContract } from "./get-current-contract.js";
import { GetDocument } from "./get-document.js";
import { GetDocumentPdf } from "./get-document-pdf.js";
import { IssueActDocument } from "./issue-act-document.js";
import { IssueReconciliationStatement } from "./issue-reconciliation-statement.js";
import { ListDocuments } from "./list-documents.js";

// An accountant with `finance` needs the documents as much as someone given `documents`.
const permission: Permission[] = ["documents", "finance"];
const common = { tags: ["documents"], auth: "user" as const, permission };

/** The stored HTML may only draw itself: no script, no network, no frames, no forms. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export const documentRoutes = [
  defineRoute({
    ...common,
    method: "get",
    path: "/documents",
    operationId: "listDocuments",
    summary: "The account's documents, newest first",
    query: ListDocumentsQuery,
    response: DocumentsPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListDocuments).execute(auth, query),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/documents/:id",
    operationId: "getDocument",
    summary: "One document: its status, template version and hashes",
    params: DocumentIdParams,
    response: DocumentView,
    handler: async ({ auth, params, scope }) => describeDocument(await scope.resolve(GetDocument).execute(auth, params.id)),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/documents/:id/pdf",
    operationId: "getDocumentPdf",
    summary: "A document's PDF, as an attachment",
    description:
      "Answers 409 CAB_ERR_DOCUMENT_NOT_READY with `details.status` `rendering` (try again after `Retry-After` seconds) or `failed` (with `details.reason`).",
    params: DocumentIdParams,
    response: PdfFile,
    produces: "application/pdf",
    async handler({ auth, params, scope, ctx }) {
      try {
        const pdf = await scope.resolve(GetDocumentPdf).execute(auth, params.id);
        ctx.set("Content-Disposition", `attachment; filename="${pdf.fileName}"`);
        ctx.set("Content-Length", String(pdf.size));
        ctx.set("X-Content-Type-Options", "nosniff");
        return pdf.stream as never;
      } catch (error) {
        const retry = (error as { details?: { retryAfterSeconds?: unknown } }).details?.retryAfterSeconds;
        if (typeof retry === "number") ctx.set("Retry-After", String(retry));
        throw error;
      }
    },
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/documents/:id/html",
    operationId: "getDocumentHtml",
    summary: "A document's stored HTML, exactly as it was issued",
    params: DocumentIdParams,
    response: HtmlText,
    produces: "text/html",
    async handler({ auth, params, scope, ctx }) {
      const doc = await scope.resolve(GetDocument).execute(auth, params.id);
      ctx.set("Content-Security-Policy", HTML_POLICY);
      ctx.set("X-Content-Type-Options", "nosniff");
      return doc.html;
    },
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/documents/reconciliation",
    operationId: "issueReconciliationStatement",
    action: "export",
    summary: "Issue a reconciliation statement for a period",
    description:
      "403 CAB_ERR_FORBIDDEN (`details.reason` `service_scope`) for a user limited to some services: the statement covers the whole account. Opening balance, every movement and the closing balance from the ledger. The last day may be today: the statement then runs up to now (`asOf` in the document). Asking again for the same period answers the same document (for a period that runs to today: until money moves). 422 CAB_ERR_UNPROCESSABLE for a period that ends before it starts, ends after today (`details.reason` `the period is in the future`), or is longer than the brand's `statementMaxDays` (`details.maxDays`).",
    body: ReconciliationBody,
    response: DocumentView,
    handler: async ({ auth, body, brand, scope }) => {
      if (auth.serviceScope) throw outsideServiceScope("issue a reconciliation statement of the whole account");
      return describeDocument(
        await scope.resolve(IssueReconciliationStatement).execute(brand, auth.accountId, { from: body.from, to: body.to }, body.locale, body.payerId),
      );
    },
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/documents/acts",
    operationId: "issueActDocument",
    action: "export",
    summary: "Issue the act of services rendered for a month",
    description:
      "403 CAB_ERR_FORBIDDEN (`details.reason` `service_scope`) for a user limited to some services: the act covers the whole account. The month's charges, one line per thing they paid for. Only for a month that has ended; asking again answers the same document. 422 when the month had no charges.",
    body: ActBody,
    response: DocumentView,
    handler: async ({ auth, body, brand, scope }) => {
      if (auth.serviceScope) throw outsideServiceScope("issue an act of the whole account");
      return describeDocument(await scope.resolve(IssueActDocument).execute(brand, auth.accountId, body.month, body.locale, body.payerId));
    },
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/contracts/current",
    operationId: "getCurrentContract",
    summary: "The contract version to accept, and whether the account has",
    response: CurrentContractView,
    handler: ({ auth, brand, scope }) => scope.resolve(GetCurrentContract).execute(auth, brand),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/contracts/accept",
    operationId: "acceptContract",
    summary: "Accept the brand's contract at the version shown",
    description:
      "Stores the acceptance and issues the contract document; accepting again answers the first acceptance. 409 CAB_ERR_CONFLICT when the version is no longer current (`details.current`).",
    body: AcceptContractBody,
    response: ContractAcceptanceView,
    handler: ({ auth, body, brand, scope }) => {
      if (auth.serviceScope) throw outsideServiceScope("accept the contract for the whole account");
      return scope.resolve(AcceptContract).execute(auth, brand, body.version, body.payerId);
    },
  }),
];
