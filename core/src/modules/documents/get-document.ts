import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { DocumentRepository } from "./document.repository.js";
import type { StoredDocument } from "./document.js";

/** One document of the caller's account; another account's answers 404. */
@injectable()
export class GetDocument {
  constructor(@inject(DocumentRepository) private readonly documents: DocumentRepository) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string): Promise<StoredDocument> {
    const doc = await this.documents.findForAccount(auth.accountId, id);
    if (!doc) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "document", id });
    return doc;
  }
}
