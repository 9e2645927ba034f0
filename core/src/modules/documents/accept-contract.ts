import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountDirectory, type AuthContext } from "../accounts/index.js";
import type { Brand } from "../brands/index.js";
import { describeDocument } from "./describe-document.js";
import { DocumentRepository } from "./document.repository.js";
import { DocumentTemplates } from "./document-templates.js";
import { IssueDocument } from "./issue-document.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * The account accepts the brand's contract (an offer) at the version the client was shown:
 * the acceptance is stored with that version and the contract document is issued. Accepting
 * the same version again answers the first acceptance; a version that is no longer current is
 * refused with 409, so nobody accepts terms they did not see.
 */
@injectable()
export class AcceptContract {
  constructor(
    @inject(DocumentTemplates) private readonly templates: DocumentTemplates,
    @inject(DocumentRepository) private readonly documents: DocumentRepository,
    @inject(IssueDocument) private readonly issue: IssueDocument,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId" | "userId">, brand: Brand, version: string, payerId?: string) {
    // In the account's language: each language's contract carries the same version.
    const account = await this.accounts.find(auth.accountId);
    const template = await this.templates.load(brand.templateSet ?? brand.slug, "contract", [account?.locale ?? "", brand.defaultLocale, "en"]);
    if (version !== template.version) {
      throw new CabinetError(
        "CAB_ERR_CONFLICT",
        { reason: "contract version changed", current: template.version },
        "The contract has a newer version: read it and accept that one.",
      );
    }
    let acceptance = await this.documents.findAcceptance(auth.accountId, version);
    if (!acceptance) {
      const acceptedAt = this.clock.now();
      const issued = await this.issue.execute({
        brand,
        accountId: auth.accountId,
        kind: "contract",
        dedupeKey: `contract:${auth.accountId}:${version}`,
        number: null,
        reference: { type: "contract", id: version },
        currency: brand.defaultCurrency,
        template,
        payerId,
        data: { contract: { version, acceptedAt } },
      });
      await this.documents.insertAcceptance({
        id: newId("cac", acceptedAt),
        brandId: brand.id,
        accountId: auth.accountId,
        userId: auth.userId,
        version,
        documentId: issued.id,
        acceptedAt,
      });
      // A concurrent acceptance may have won the insert: the stored one is the answer.
      acceptance = findOrFail(await this.documents.findAcceptance(auth.accountId, version), "contract acceptance of account", auth.accountId);
    }
    const stored = findOrFail(await this.documents.findForAccount(auth.accountId, acceptance.documentId), "document", acceptance.documentId);
    return { version, accepted: true, acceptedAt: new Date(acceptance.acceptedAt).toISOString(), document: describeDocument(stored) };
  }
}
