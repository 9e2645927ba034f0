import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { ConsentGuard } from "./consent-guard.js";
import { LegalDocumentRepository } from "./legal-document.repository.js";
import type { LegalDocument, LegalDocumentKind } from "./legal-document.js";

export interface PublishLegalDocumentInput {
  brandId: string;
  kind: LegalDocumentKind;
  title: string;
  body: string;
  /** When it takes effect; now when absent. */
  effectiveAt?: number;
  mustAgree: boolean;
  showOnSignUp: boolean;
  showAfterSignIn: boolean;
  /** A staff id, or `cli`. */
  publishedBy: string;
}

/**
 * Publishes the next version of one of a brand's legal documents (staff API and
 * `cabinet publish-legal-document`). Versions count up per brand and kind; two publications at
 * once are ordered by the unique index (the loser runs again and takes the next number).
 */
@injectable()
export class PublishLegalDocument {
  constructor(
    @inject(LegalDocumentRepository) private readonly documents: LegalDocumentRepository,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ConsentGuard) private readonly guard: ConsentGuard,
  ) {}

  async execute(input: PublishLegalDocumentInput): Promise<LegalDocument> {
    const now = this.clock.now();
    const effectiveAt = input.effectiveAt ?? now;
    // A version dated back would make decisions already recorded look as if made on it.
    if (effectiveAt < now - 60_000) {
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/effectiveAt", message: "must not be in the past" }] });
    }
    const published = await inTransaction(this.db, async (trx) => {
      const doc: LegalDocument = {
        id: newId("lgd", now),
        brandId: input.brandId,
        kind: input.kind,
        version: (await this.documents.latestVersion(input.brandId, input.kind, trx)) + 1,
        title: input.title,
        body: input.body,
        effectiveAt,
        mustAgree: input.mustAgree,
        showOnSignUp: input.showOnSignUp,
        showAfterSignIn: input.showAfterSignIn,
        publishedBy: input.publishedBy,
        createdAt: now,
      };
      await this.documents.insert(doc, trx);
      return doc;
    });
    this.guard.forget(input.brandId);
    return published;
  }
}
