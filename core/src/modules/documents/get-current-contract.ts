import { inject, injectable } from "tsyringe";
import type { AuthContext } from "../accounts/index.js";
import type { Brand } from "../brands/index.js";
import { DocumentRepository } from "./document.repository.js";
import { DocumentTemplates } from "./document-templates.js";

/** The contract version the brand offers now, and whether the caller's account accepted it. */
@injectable()
export class GetCurrentContract {
  constructor(
    @inject(DocumentTemplates) private readonly templates: DocumentTemplates,
    @inject(DocumentRepository) private readonly documents: DocumentRepository,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, brand: Brand) {
    const template = await this.templates.load(brand.templateSet ?? brand.slug, "contract", [brand.defaultLocale, "en"]);
    const acceptance = await this.documents.findAcceptance(auth.accountId, template.version);
    return {
      version: template.version,
      accepted: acceptance !== undefined,
      acceptedAt: acceptance ? new Date(acceptance.acceptedAt).toISOString() : null,
      documentId: acceptance?.documentId ?? null,
    };
  }
}
