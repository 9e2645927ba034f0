import { Cursor, Enum, Id, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";
import { documentKinds } from "./document.js";

const Day = (description: string) => Type.String({ format: "date", maxLength: 10, description });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const DocumentView = Obj({
  id: Type.String(),
  kind: Enum(documentKinds),
  number: Type.Union([Type.String(), Type.Null()], { description: "The invoice's number; null for documents that have none" }),
  title: Type.String(),
  reference: Type.Union([Obj({ type: Type.String(), id: Type.String() }), Type.Null()], {
    description: "What it documents: `invoice` + id, `contract` + version",
  }),
  payerId: Type.Union([Type.String(), Type.Null()], { description: "The payer it is made out to; null on documents from before payers" }),
  periodFrom: Nullable(Type.String({ format: "date" })),
  periodTo: Nullable(Type.String({ format: "date", description: "The last day, inclusive" })),
  locale: Type.String(),
  status: Enum(["rendering", "ready", "failed", "not_rendered"], {
    description:
      "`rendering`: the PDF is being printed; the HTML is there from the start. `not_rendered`: this Cabinet has no document renderer, so there is no PDF (`failureReason` says so); only the HTML",
  }),
  failureReason: Type.Union([Type.String(), Type.Null()]),
  templateSha256: Type.String({ description: "The version of the template it was rendered with" }),
  htmlSha256: Type.String({ description: "SHA-256 of the stored HTML, which never changes" }),
  pdf: Type.Union([Obj({ size: Type.Integer(), sha256: Type.String() }), Type.Null()]),
  createdAt: Instant,
  renderedAt: Type.Union([Instant, Type.Null()]),
});

export const ListDocumentsQuery = Obj({
  kind: Type.Optional(Enum(documentKinds)),
  payerId: Type.Optional(Id("pyr")),
  from: Type.Optional(Day("Issued on or after this day (UTC)")),
  to: Type.Optional(Day("Issued on or before this day (UTC)")),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});
export const DocumentsPage = Page(DocumentView);
export const DocumentIdParams = Obj({ id: Id("doc") });

const PayerChoice = Type.Optional(Type.String({ ...Id("pyr"), description: "The payer it is made out to; the default payer when absent" }));

export const ReconciliationBody = Obj({
  payerId: PayerChoice,
  from: Day("First day (UTC)"),
  to: Day("Last day (UTC), inclusive; today at the latest (the statement then runs up to now)"),
  locale: Type.Optional(Type.String({ pattern: "^[a-z]{2}$", maxLength: 2, description: "Falls back to the brand's language" })),
});
export const ActBody = Obj({
  payerId: PayerChoice,
  month: Type.String({ pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$", maxLength: 7, description: "YYYY-MM (UTC), a month that has ended" }),
  locale: Type.Optional(Type.String({ pattern: "^[a-z]{2}$", maxLength: 2, description: "Falls back to the brand's language" })),
});

export const AcceptContractBody = Obj({
  version: Type.String({ minLength: 1, maxLength: 64, description: "The version `GET /contracts/current` gave" }),
  payerId: PayerChoice,
});
export const CurrentContractView = Obj({
  version: Type.String(),
  accepted: Type.Boolean(),
  acceptedAt: Type.Union([Instant, Type.Null()]),
  documentId: Type.Union([Type.String(), Type.Null()]),
});
export const ContractAcceptanceView = Obj({ version: Type.String(), accepted: Type.Boolean(), acceptedAt: Instant, document: DocumentView });

export const PdfFile = Type.Unsafe<Buffer>({ type: "string", contentMediaType: "application/pdf", description: "The PDF (attachment)" });
export const HtmlText = Type.String({ description: "The stored HTML, under a Content-Security-Policy that loads nothing" });
