import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { LegalDocumentRepository } from "./legal-document.repository.js";
import { ListLegalDocuments } from "./list-legal-documents.js";
import type { ConsentDecision, ConsentRecord } from "./legal-document.js";

export interface RecordConsentsInput {
  caller: { brandId: string; accountId: string; userId: string };
  decisions: { documentId: string; decision: ConsentDecision }[];
  ip: string;
  userAgent: string;
}

/**
 * Records a user's decisions on the brand's current legal documents, all or none. Only the
 * current version of a kind can be decided on (an old one answers 409, so a page left open
 * over a publication cannot accept what it showed instead of what is in force), and a
 * must-agree document can be accepted, not declined.
 */
@injectable()
export class RecordConsents {
  constructor(
    @inject(LegalDocumentRepository) private readonly documents: LegalDocumentRepository,
    @inject(ListLegalDocuments) private readonly current: ListLegalDocuments,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(input: RecordConsentsInput): Promise<ConsentRecord[]> {
    const now = this.clock.now();
    const current = new Map((await this.current.execute(input.caller.brandId)).map((d) => [d.id, d]));
    const seen = new Set<string>();
    const records: ConsentRecord[] = [];
    for (const [index, { documentId, decision }] of input.decisions.entries()) {
      if (seen.has(documentId)) throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: `/decisions/${index}`, message: "decides on the same document twice" }] });
      seen.add(documentId);
      const doc = current.get(documentId);
      if (!doc) {
        // Another brand's id is simply unknown here; this brand's old or future version is a conflict.
        if (await this.documents.find(input.caller.brandId, documentId)) throw new CabinetError("CAB_ERR_CONSENT_OUTDATED", { documentId });
        throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "legal document", documentId });
      }
      if (doc.mustAgree && decision === "declined") throw new CabinetError("CAB_ERR_CONSENT_MUST_AGREE", { documentId, kind: doc.kind });
      records.push({
        id: newId("cns", now),
        brandId: input.caller.brandId,
        accountId: input.caller.accountId,
        userId: input.caller.userId,
        documentId,
        kind: doc.kind,
        version: doc.version,
        decision,
        ip: input.ip.slice(0, 64),
        userAgent: input.userAgent.slice(0, 255),
        decidedAt: now,
      });
    }
    await this.db.transaction((trx) => this.documents.insertDecisions(records, trx));
    return records;
  }
}
