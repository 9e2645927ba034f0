import { defineRoute } from "../../http/route.js";
import { describeLegalDocument, type LegalDocument } from "./legal-document.js";
import { LegalDocumentRepository } from "./legal-document.repository.js";
import {
  DecidePrivacyRequestBody,
  PrivacyRequestParams,
  PublishLegalDocumentBody,
  StaffLegalDocumentList,
  StaffLegalDocumentView,
  StaffPrivacyRequestList,
  StaffPrivacyRequestsQuery,
  StaffPrivacyRequestView,
} from "./privacy.schemas.js";
import { DecidePrivacyRequest } from "./decide-privacy-request.js";
import { PrivacyRequestRepository } from "./privacy-request.repository.js";
import { describePrivacyRequestForStaff } from "./privacy-request.js";
import { PublishLegalDocument } from "./publish-legal-document.js";

const describeForStaff = (doc: LegalDocument) => ({
  ...describeLegalDocument(doc),
  publishedBy: doc.publishedBy,
  createdAt: new Date(doc.createdAt).toISOString(),
});

/** Staff publish the brand's legal documents; every version stays, since decisions refer to them. */
export const staffPrivacyRoutes = [
  defineRoute({
    method: "get",
    path: "/staff/legal-documents",
    operationId: "staffListLegalDocuments",
    summary: "Every version of the brand's legal documents",
    tags: ["staff"],
    auth: "staff",
    response: StaffLegalDocumentList,
    handler: async ({ auth, scope }) => ({ items: (await scope.resolve(LegalDocumentRepository).listAll(auth.brandId)).map(describeForStaff) }),
  }),
  defineRoute({
    method: "post",
    path: "/staff/legal-documents",
    operationId: "staffPublishLegalDocument",
    summary: "Publish the next version of a legal document",
    description: "A must-agree version stops the brand's signed-in clients (403 CAB_ERR_CONSENT_REQUIRED) from its effective date until they accept it.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin"],
    body: PublishLegalDocumentBody,
    response: StaffLegalDocumentView,
    status: 201,
    async handler({ auth, body, scope }) {
      const doc = await scope.resolve(PublishLegalDocument).execute({
        brandId: auth.brandId,
        kind: body.kind,
        title: body.title,
        body: body.body,
        effectiveAt: body.effectiveAt === undefined ? undefined : Date.parse(body.effectiveAt),
        mustAgree: body.mustAgree,
        showOnSignUp: body.showOnSignUp ?? false,
        showAfterSignIn: body.showAfterSignIn ?? true,
        publishedBy: auth.staffId,
      });
      return describeForStaff(doc);
    },
  }),
  defineRoute({
    method: "get",
    path: "/staff/privacy-requests",
    operationId: "staffListPrivacyRequests",
    summary: "The brand's erasure and restriction requests, newest first",
    tags: ["staff"],
    auth: "staff",
    query: StaffPrivacyRequestsQuery,
    response: StaffPrivacyRequestList,
    handler: async ({ auth, query, scope }) => ({
      items: (await scope.resolve(PrivacyRequestRepository).listForBrand(auth.brandId, query.status)).map(describePrivacyRequestForStaff),
    }),
  }),
  defineRoute({
    method: "post",
    path: "/staff/privacy-requests/:id/decision",
    operationId: "staffDecidePrivacyRequest",
    summary: "Approve or refuse an erasure or restriction request",
    description:
      "Approving an erasure anonymises the user's (the owner's: every user's of the account) name and e-mail and the texts of their tickets, keeps invoices, ledger and documents marked restricted, and ends sign-in; a restriction only ends sign-in and marks the account. All or nothing. A decided request answers 409.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin"],
    params: PrivacyRequestParams,
    body: DecidePrivacyRequestBody,
    response: StaffPrivacyRequestView,
    handler: async ({ auth, params, body, scope }) =>
      describePrivacyRequestForStaff(await scope.resolve(DecidePrivacyRequest).execute(auth, params.id, body.decision, body.note)),
  }),
];
