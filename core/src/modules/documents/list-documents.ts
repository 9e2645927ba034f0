import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import type { AuthContext } from "../accounts/index.js";
import { dayToInstant } from "../ledger/index.js";
import { describeDocument } from "./describe-document.js";
import { DocumentRepository } from "./document.repository.js";
import type { DocumentKind } from "./document.js";

/** A page of the account's documents, newest first. */
@injectable()
export class ListDocuments {
  constructor(@inject(DocumentRepository) private readonly documents: DocumentRepository) {}

  async execute(
    auth: Pick<AuthContext, "accountId">,
    query: { kind?: DocumentKind; payerId?: string; from?: string; to?: string; cursor?: string; limit?: number },
  ) {
    const limit = query.limit ?? 20;
    const rows = await this.documents.listForAccount(auth.accountId, {
      kind: query.kind,
      payerId: query.payerId,
      from: dayToInstant(query.from),
      to: dayToInstant(query.to, true),
      beforeId: decodeCursor(query.cursor, "doc"),
      limit: limit + 1,
    });
    return toPage(rows, limit, describeDocument);
  }
}
