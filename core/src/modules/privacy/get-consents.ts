import { inject, injectable } from "tsyringe";
import { LegalDocumentRepository } from "./legal-document.repository.js";
import { ListLegalDocuments } from "./list-legal-documents.js";
import { describeLegalDocument, type ConsentRecord } from "./legal-document.js";

/**
 * The current legal documents with the user's decision on each, and what the widgets must ask:
 * `required` (must-agree versions not accepted: everything else answers 403 until they are)
 * and `suggested` (optional ones shown after sign-in on which the user has not decided yet).
 */
@injectable()
export class GetConsents {
  constructor(
    @inject(LegalDocumentRepository) private readonly documents: LegalDocumentRepository,
    @inject(ListLegalDocuments) private readonly current: ListLegalDocuments,
  ) {}

  async execute(caller: { brandId: string; userId: string }) {
    const [docs, decisions] = await Promise.all([this.current.execute(caller.brandId), this.documents.decisions(caller.userId)]);
    // Newest first: the first decision seen for a document is the one that holds.
    const latest = new Map<string, ConsentRecord>();
    for (const d of decisions) if (!latest.has(d.documentId)) latest.set(d.documentId, d);
    const documents = docs.map((doc) => {
      const decision = latest.get(doc.id);
      return { ...describeLegalDocument(doc), decision: decision?.decision ?? null, decidedAt: decision ? new Date(decision.decidedAt).toISOString() : null };
    });
    return {
      documents,
      required: documents.filter((d) => d.mustAgree && d.decision !== "accepted").map((d) => d.id),
      suggested: documents.filter((d) => !d.mustAgree && d.showAfterSignIn && d.decision === null).map((d) => d.id),
    };
  }
}
