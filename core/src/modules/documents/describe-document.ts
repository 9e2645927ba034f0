import type { StoredDocument } from "./document.js";
import { DAY_MS } from "../../kernel/time.js";

const day = (t: number | null) => (t === null ? null : new Date(t).toISOString().slice(0, 10));

export function describeDocument(doc: StoredDocument) {
  return {
    id: doc.id,
    kind: doc.kind,
    number: doc.number,
    title: doc.title,
    reference: doc.reference,
    payerId: doc.payerId,
    periodFrom: day(doc.periodStart),
    // Stored exclusive; shown as the last day, as the client asked for it.
    periodTo: doc.periodEnd === null ? null : day(doc.periodEnd - DAY_MS),
    locale: doc.locale,
    status: doc.status,
    failureReason: doc.failureReason,
    templateSha256: doc.templateSha256,
    htmlSha256: doc.htmlSha256,
    pdf: doc.pdf && { size: doc.pdf.size, sha256: doc.pdf.sha256 },
    createdAt: new Date(doc.createdAt).toISOString(),
    renderedAt: doc.renderedAt === null ? null : new Date(doc.renderedAt).toISOString(),
  };
}
