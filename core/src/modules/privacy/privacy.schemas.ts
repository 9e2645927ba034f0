import { Enum, Id, Instant, Obj, Type } from "../../http/schema.js";
import { legalDocumentKinds } from "./legal-document.js";

export const LegalDocumentKindSchema = Enum(legalDocumentKinds);

export const LegalDocumentView = Obj({
  id: Type.String(),
  kind: LegalDocumentKindSchema,
  version: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  effectiveAt: Instant,
  mustAgree: Type.Boolean(),
  showOnSignUp: Type.Boolean(),
  showAfterSignIn: Type.Boolean(),
});

export const LegalDocumentList = Obj({ items: Type.Array(LegalDocumentView) });

export const StaffLegalDocumentView = Type.Composite([LegalDocumentView, Obj({ publishedBy: Type.Union([Type.String(), Type.Null()]), createdAt: Instant })], {
  additionalProperties: false,
});
export const StaffLegalDocumentList = Obj({ items: Type.Array(StaffLegalDocumentView) });

export const PublishLegalDocumentBody = Obj({
  kind: LegalDocumentKindSchema,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 200_000, description: "The text (Markdown or plain text), shown as text, never as HTML" }),
  effectiveAt: Type.Optional(Type.String({ format: "date-time", maxLength: 40, description: "When it takes effect (now when absent); not in the past" })),
  mustAgree: Type.Boolean(),
  showOnSignUp: Type.Boolean({ default: false }),
  showAfterSignIn: Type.Boolean({ default: true }),
});

const Decision = Enum(["accepted", "declined"]);

export const ConsentsView = Obj({
  documents: Type.Array(
    Type.Composite([LegalDocumentView, Obj({ decision: Type.Union([Decision, Type.Null()]), decidedAt: Type.Union([Instant, Type.Null()]) })], {
      additionalProperties: false,
    }),
  ),
  required: Type.Array(Type.String(), { description: "Must-agree documents not accepted: other calls answer 403 CAB_ERR_CONSENT_REQUIRED until they are" }),
  suggested: Type.Array(Type.String(), { description: "Optional documents to show after sign-in, not decided on yet" }),
});

export const RecordConsentsBody = Obj({
  decisions: Type.Array(Obj({ documentId: Id("lgd"), decision: Decision }), { minItems: 1, maxItems: 8 }),
});

export const ConsentRecordView = Obj({
  id: Type.String(),
  documentId: Type.String(),
  kind: LegalDocumentKindSchema,
  version: Type.Integer(),
  decision: Decision,
  ip: Type.String(),
  decidedAt: Instant,
});
export const ConsentHistory = Obj({ items: Type.Array(ConsentRecordView) });

export const DataExportView = Obj({
  id: Type.String(),
  status: Enum(["queued", "building", "ready", "failed", "expired"]),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  size: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Instant,
  readyAt: Type.Union([Instant, Type.Null()]),
  expiresAt: Type.Union([Instant, Type.Null()]),
});
export const DataExportList = Obj({ items: Type.Array(DataExportView) });
export const RequestDataExportBody = Obj({
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: "Re-authentication: the current password, when the user has one" })),
  code: Type.Optional(
    Type.String({
      minLength: 6,
      maxLength: 32,
      description: "Re-authentication: a code from the authenticator app (or a recovery code), when a second factor is on",
    }),
  ),
});
export const DataExportParams = Obj({ id: Id("dex") });
export const ZipFile = Type.Unsafe<Buffer>({ type: "string", contentMediaType: "application/zip", description: "The ZIP archive (attachment)" });

const RequestKind = Enum(["erasure", "restriction"]);
const RequestStatus = Enum(["pending", "approved", "refused"]);
export const PrivacyRequestView = Obj({
  id: Type.String(),
  kind: RequestKind,
  status: RequestStatus,
  reason: Type.Union([Type.String(), Type.Null()]),
  staffNote: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  decidedAt: Type.Union([Instant, Type.Null()]),
});
export const PrivacyRequestList = Obj({ items: Type.Array(PrivacyRequestView) });
export const FilePrivacyRequestBody = Obj({ kind: RequestKind, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) });

export const StaffPrivacyRequestView = Type.Composite(
  [PrivacyRequestView, Obj({ accountId: Type.String(), userId: Type.String(), staffId: Type.Union([Type.String(), Type.Null()]) })],
  {
    additionalProperties: false,
  },
);
export const StaffPrivacyRequestList = Obj({ items: Type.Array(StaffPrivacyRequestView) });
export const StaffPrivacyRequestsQuery = Obj({ status: Type.Optional(RequestStatus) });
export const PrivacyRequestParams = Obj({ id: Id("prq") });
export const DecidePrivacyRequestBody = Obj({ decision: Enum(["approve", "refuse"]), note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) });
