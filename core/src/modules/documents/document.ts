export const documentKinds = ["invoice", "act", "contract", "reconciliation"] as const;
export type DocumentKind = (typeof documentKinds)[number];
/** `not_rendered`: no document renderer is enabled, so no PDF is made (the HTML is there); one enabled later prints it at start. */
export type DocumentStatus = "rendering" | "ready" | "failed" | "not_rendered";

/** Why a document has no PDF when the core has no renderer: shown to the client as it is. */
export const NO_RENDERER_REASON = "no document renderer is enabled: only the HTML version is available";

/**
 * An issued document. Its HTML is rendered once, when it is issued, and never changes: the
 * PDF is printed from that HTML, so printing it again gives the same text, and the template
 * version (`templateSha256`) says what it was rendered with.
 */
export interface StoredDocument {
  id: string;
  brandId: string;
  accountId: string;
  kind: DocumentKind;
  number: string | null;
  title: string;
  reference: { type: string; id: string } | null;
  /** The payer it is made out to (null: a document from before payers). */
  payerId: string | null;
  /** Unique per document: issuing the same one again finds it instead of making another. */
  dedupeKey: string;
  /** [periodStart, periodEnd): instants, the end exclusive. */
  periodStart: number | null;
  periodEnd: number | null;
  locale: string;
  templateName: string;
  templateSha256: string;
  html: string;
  htmlSha256: string;
  pdf: { key: string; sha256: string; size: number } | null;
  status: DocumentStatus;
  failureReason: string | null;
  createdAt: number;
  renderedAt: number | null;
}

export interface ContractAcceptance {
  id: string;
  brandId: string;
  accountId: string;
  userId: string;
  version: string;
  documentId: string;
  acceptedAt: number;
}

/** The job that prints a document's PDF; its payload is `{ documentId }`. */
export const RENDER_DOCUMENT_JOB = "documents.render";
