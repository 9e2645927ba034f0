import { defineRoute } from "../../http/route.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { RequestContext } from "../../http/request-context.js";
import { GetConsents } from "./get-consents.js";
import { describeLegalDocument } from "./legal-document.js";
import { describeConsent, ListConsentHistory } from "./list-consent-history.js";
import { ListLegalDocuments } from "./list-legal-documents.js";
import { ConsentHistory, ConsentsView, LegalDocumentList, RecordConsentsBody } from "./privacy.schemas.js";
import { RecordConsents } from "./record-consents.js";

/** Legal documents and consents: reachable while a consent is outstanding (that is how it gets given). */
export const consentRoutes = [
  defineRoute({
    method: "get",
    path: "/legal-documents",
    operationId: "listLegalDocuments",
    summary: "The brand's legal documents in force, one per kind",
    description: "Public: what a sign-up form shows (those with `showOnSignUp`).",
    tags: ["privacy"],
    auth: "public",
    response: LegalDocumentList,
    handler: async ({ brand, scope }) => ({ items: (await scope.resolve(ListLegalDocuments).execute(brand.id)).map(describeLegalDocument) }),
  }),
  defineRoute({
    method: "get",
    path: "/consents",
    operationId: "getConsents",
    summary: "The legal documents in force with the caller's decision on each",
    tags: ["privacy"],
    auth: "user",
    exemptFromGuards: ["consent"],
    response: ConsentsView,
    handler: ({ auth, scope }) => scope.resolve(GetConsents).execute(auth),
  }),
  defineRoute({
    method: "post",
    path: "/consents",
    operationId: "recordConsents",
    summary: "Accept or decline legal documents in force",
    description:
      "All or none. A must-agree document cannot be declined (422 CAB_ERR_CONSENT_MUST_AGREE); a version no longer (or not yet) in force answers 409 CAB_ERR_CONSENT_OUTDATED. Each decision is recorded with its version, time and IP.",
    tags: ["privacy"],
    auth: "user",
    exemptFromGuards: ["consent"],
    body: RecordConsentsBody,
    response: ConsentHistory,
    status: 201,
    async handler({ auth, body, scope }) {
      const request = scope.resolve<RequestContext>(TOKENS.RequestContext);
      const records = await scope.resolve(RecordConsents).execute({ caller: auth, decisions: body.decisions, ip: request.ip, userAgent: request.userAgent });
      return { items: records.map(describeConsent) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/consents/history",
    operationId: "listConsentHistory",
    summary: "Every decision the caller made on legal documents, newest first",
    tags: ["privacy"],
    auth: "user",
    exemptFromGuards: ["consent"],
    response: ConsentHistory,
    handler: ({ auth, scope }) => scope.resolve(ListConsentHistory).execute(auth.userId),
  }),
];
