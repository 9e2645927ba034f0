import { inject, injectable } from "tsyringe";
import { LegalDocumentRepository } from "./legal-document.repository.js";
import type { ConsentRecord } from "./legal-document.js";

export const describeConsent = (r: ConsentRecord) => ({
  id: r.id,
  documentId: r.documentId,
  kind: r.kind,
  version: r.version,
  decision: r.decision,
  ip: r.ip,
  decidedAt: new Date(r.decidedAt).toISOString(),
});

/** Every decision the user made, newest first: what they agreed to, when and from where. */
@injectable()
export class ListConsentHistory {
  constructor(@inject(LegalDocumentRepository) private readonly documents: LegalDocumentRepository) {}

  async execute(userId: string) {
    return { items: (await this.documents.decisions(userId)).map(describeConsent) };
  }
}
