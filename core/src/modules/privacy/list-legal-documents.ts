import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { LegalDocumentRepository } from "./legal-document.repository.js";
import { currentVersions, type LegalDocument } from "./legal-document.js";

/** The brand's legal documents in effect now, one per kind (what a sign-up form shows). */
@injectable()
export class ListLegalDocuments {
  constructor(
    @inject(LegalDocumentRepository) private readonly documents: LegalDocumentRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(brandId: string): Promise<LegalDocument[]> {
    return currentVersions(await this.documents.listEffective(brandId, this.clock.now()));
  }
}
