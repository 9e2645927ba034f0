import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { RecordSignUpConsents, SignUpConsents, SignUpDecision } from "../accounts/index.js";
import { LegalDocumentRepository } from "./legal-document.repository.js";
import { ListLegalDocuments } from "./list-legal-documents.js";
import type { ConsentDecision, ConsentRecord, LegalDocument } from "./legal-document.js";

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
 *
 * It also answers the accounts module's `SignUpConsents`: a sign-up must accept every
 * must-agree document its form shows (`showOnSignUp`), and its decisions are recorded in the
 * transaction that creates the user.
 */
@injectable()
export class RecordConsents implements SignUpConsents {
  constructor(
    @inject(LegalDocumentRepository) private readonly documents: LegalDocumentRepository,
    @inject(ListLegalDocuments) private readonly current: ListLegalDocuments,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(input: RecordConsentsInput): Promise<ConsentRecord[]> {
    const decided = await this.checked(input.caller.brandId, input.decisions);
    const records = this.records(decided, input.caller, input);
    await this.db.transaction((trx) => this.documents.insertDecisions(records, trx));
    return records;
  }

  async check(brandId: string, decisions: SignUpDecision[]): Promise<RecordSignUpConsents> {
    const decided = await this.checked(brandId, decisions, "consents");
    for (const doc of await this.current.execute(brandId)) {
      if (doc.showOnSignUp && doc.mustAgree && !decided.some((d) => d.doc.id === doc.id)) {
        throw new CabinetError("CAB_ERR_CONSENT_MUST_AGREE", { documentId: doc.id, kind: doc.kind });
      }
    }
    return async (user, from, trx) => {
      if (decided.length > 0) await this.documents.insertDecisions(this.records(decided, user, from), trx);
    };
  }

  /** The decisions, each on a document in force now; refused as a whole when one is not. */
  private async checked(
    brandId: string,
    decisions: { documentId: string; decision: ConsentDecision }[],
    field = "decisions",
  ): Promise<{ doc: LegalDocument; decision: ConsentDecision }[]> {
    const current = new Map((await this.current.execute(brandId)).map((d) => [d.id, d]));
    const seen = new Set<string>();
    const checked: { doc: LegalDocument; decision: ConsentDecision }[] = [];
    for (const [index, { documentId, decision }] of decisions.entries()) {
      if (seen.has(documentId))
        throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: `/${field}/${index}`, message: "decides on the same document twice" }] });
      seen.add(documentId);
      const doc = current.get(documentId);
      if (!doc) {
        // Another brand's id is simply unknown here; this brand's old or future version is a conflict.
        if (await this.documents.find(brandId, documentId)) throw new CabinetError("CAB_ERR_CONSENT_OUTDATED", { documentId });
        throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "legal document", documentId });
      }
      if (doc.mustAgree && decision === "declined") throw new CabinetError("CAB_ERR_CONSENT_MUST_AGREE", { documentId, kind: doc.kind });
      checked.push({ doc, decision });
    }
    return checked;
  }

  private records(
    decided: { doc: LegalDocument; decision: ConsentDecision }[],
    user: RecordConsentsInput["caller"],
    from: { ip: string; userAgent: string },
  ): ConsentRecord[] {
    const now = this.clock.now();
    return decided.map(({ doc, decision }) => ({
      id: newId("cns", now),
      brandId: user.brandId,
      accountId: user.accountId,
      userId: user.userId,
      documentId: doc.id,
      kind: doc.kind,
      version: doc.version,
      decision,
      ip: from.ip.slice(0, 64),
      userAgent: from.userAgent.slice(0, 255),
      decidedAt: now,
    }));
  }
}
