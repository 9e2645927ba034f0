export const documentKinds = ["invoice", "act", "contract", "reconciliation"] as const;
export type DocumentKind = (typeof documentKinds)[number];
export type DocumentStatus = "rendering" | "ready" | "failed";

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
