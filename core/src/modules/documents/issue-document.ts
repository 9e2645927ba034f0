import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Logger } from "pino";
import { newId } from "../../kernel/ids.js";
import type { JobQueue } from "../../extension-points/job-queue.js";
import { AccountDirectory } from "../accounts/index.js";
import type { Brand } from "../brands/index.js";
import { DocumentRepository } from "./document.repository.js";
import { DocumentTemplates, type TemplateSet } from "./document-templates.js";
import { NO_RENDERER_REASON, RENDER_DOCUMENT_JOB, type DocumentKind, type StoredDocument } from "./document.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import { findRenderer } from "./render-document.js";
import { DAY_MS } from "../../kernel/time.js";
import { ChoosePayer, type PayerSnapshot } from "../payers/index.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface DocumentToIssue {
  brand: Brand;
  accountId: string;
  kind: DocumentKind;
  /** What makes this document unique: issuing with the same key again answers the first one. */
  dedupeKey: string;
  number: string | null;
  reference: { type: string; id: string } | null;
  /** [start, end), instants; the templates see `document.period.from` and `.to` (the last day). */
  period?: { start: number; end: number };
  /** Preferred locale; the account's language, the brand's default, then English, stand in when it has no template. */
  locale?: string;
  currency: string;
  /**
   * The kind's own fields for its template (`invoice`, `act`, `statement`, `contract`); a function
   * of the document's language when they hold server-written texts (ledger and invoice lines), so
   * those read in the language of the template chosen.
   */
  data: Record<string, unknown> | ((locale: string) => Record<string, unknown>);
  /**
   * Who it is made out to: an invoice's payer as the invoice holds it (null for an invoice from
   * before payers); absent, the payer `payerId` names, else the account's default payer.
   */
  payer?: PayerSnapshot | null;
  payerId?: string;
  /** An already loaded template set (the contract's, whose version was checked against it). */
  template?: TemplateSet;
}

/**
 * Issues a document: renders its HTML now, stores it with a `rendering` status and queues the
 * job that prints the PDF, so the caller never waits for a browser. Issuing a document that
 * exists (same dedupe key) answers the stored one, untouched; if its printing had failed, it
 * is queued again.
 */
@injectable()
export class IssueDocument {
  constructor(
    @inject(DocumentRepository) private readonly documents: DocumentRepository,
    @inject(DocumentTemplates) private readonly templates: DocumentTemplates,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.JobQueue) private readonly queue: JobQueue,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(ChoosePayer) private readonly choosePayer: ChoosePayer,
  ) {}

  async execute(input: DocumentToIssue): Promise<StoredDocument> {
    const printable = findRenderer(this.extensions, this.config) !== undefined;
    const existing = await this.documents.findByDedupeKey(input.dedupeKey);
    if (existing) {
      if (printable && (await this.documents.retry(existing.id))) {
        await this.enqueue(existing.id);
        return { ...existing, status: "rendering", failureReason: null };
      }
      return existing;
    }

    const account = await this.accounts.find(input.accountId);
    if (!account) throw new Error(`No account ${input.accountId}`);
    const payer = input.payer !== undefined ? input.payer : (await this.choosePayer.execute(undefined, input.brand, input.accountId, input.payerId)).payer;
    const now = this.clock.now();
    const id = newId("doc", now);
    const template =
      input.template ??
      (await this.templates.load(input.brand.templateSet ?? input.brand.slug, input.kind, [
        input.locale ?? "",
        account.locale ?? "",
        input.brand.defaultLocale,
        "en",
      ]));
    const legal = input.brand.legal;
    const rendered = this.templates.render(template, {
      currency: input.currency,
      document: {
        id,
        number: input.number,
        issuedAt: now,
        period: input.period ? { from: input.period.start, to: input.period.end - DAY_MS } : null,
      },
      supplier: { name: input.brand.name, ...(legal ?? {}), legalName: legal?.legalName ?? input.brand.name },
      // Who it is made out to; an invoice from before payers falls back to the account's name. No internal ids in print.
      client: payer ? { ...payer, id: undefined, company: payer.kind !== "individual" } : { name: account.name, company: account.kind === "company" },
      ...(typeof input.data === "function" ? input.data(template.locale) : input.data),
    });
    const doc: StoredDocument = {
      id,
      brandId: input.brand.id,
      accountId: input.accountId,
      kind: input.kind,
      number: input.number,
      title: rendered.title || input.kind,
      reference: input.reference,
      payerId: payer?.id ?? null,
      dedupeKey: input.dedupeKey,
      periodStart: input.period?.start ?? null,
      periodEnd: input.period?.end ?? null,
      locale: template.locale,
      templateName: template.name,
      templateSha256: template.sha256,
      html: rendered.html,
      htmlSha256: rendered.htmlSha256,
      pdf: null,
      // Without a renderer, say so at once rather than queue a job that can only fail.
      status: printable ? "rendering" : "not_rendered",
      failureReason: printable ? null : NO_RENDERER_REASON,
      createdAt: now,
      renderedAt: null,
    };
    if (!(await this.documents.insert(doc))) {
      // A concurrent call issued it first: theirs is the document.
      return findOrFail(await this.documents.findByDedupeKey(input.dedupeKey), "document", input.dedupeKey);
    }
    if (printable) await this.enqueue(id);
    return doc;
  }

  private async enqueue(documentId: string): Promise<void> {
    try {
      await this.queue.enqueue(RENDER_DOCUMENT_JOB, { documentId }, { jobId: documentId });
    } catch (error) {
      // The document is stored; asking for its PDF queues the job again (see GetDocumentPdf).
      this.logger.error({ err: error, documentId }, "could not queue a document for printing");
    }
  }
}
