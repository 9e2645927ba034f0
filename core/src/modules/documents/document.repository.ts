import { inject, injectAll, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { ActorContext } from "../../kernel/actor-context.js";
import { actorReferenceScope, type ReferencesInScope } from "../../kernel/service-scope.js";
import type { Database } from "../../db/create-database.js";
import type { ContractAcceptance, DocumentKind, DocumentStatus, StoredDocument } from "./document.js";

interface DocumentRow {
  id: string;
  brand_id: string;
  account_id: string;
  kind: DocumentKind;
  number: string | null;
  title: string;
  reference_type: string | null;
  reference_id: string | null;
  payer_id: string | null;
  dedupe_key: string;
  period_start: number | null;
  period_end: number | null;
  locale: string;
  template_name: string;
  template_sha256: string;
  html: string;
  html_sha256: string;
  pdf_key: string | null;
  pdf_sha256: string | null;
  pdf_size: number | null;
  status: DocumentStatus;
  failure_reason: string | null;
  created_at: number;
  rendered_at: number | null;
}

const orNull = (value: number | null) => (value === null ? null : Number(value));

const toDocument = (r: DocumentRow): StoredDocument => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  kind: r.kind,
  number: r.number,
  title: r.title,
  reference: r.reference_type && r.reference_id ? { type: r.reference_type, id: r.reference_id } : null,
  payerId: r.payer_id ?? null,
  dedupeKey: r.dedupe_key,
  periodStart: orNull(r.period_start),
  periodEnd: orNull(r.period_end),
  locale: r.locale,
  templateName: r.template_name,
  templateSha256: r.template_sha256,
  html: r.html,
  htmlSha256: r.html_sha256,
  pdf: r.pdf_key && r.pdf_sha256 ? { key: r.pdf_key, sha256: r.pdf_sha256, size: Number(r.pdf_size) } : null,
  status: r.status,
  failureReason: r.failure_reason,
  createdAt: Number(r.created_at),
  renderedAt: orNull(r.rendered_at),
});

const toAcceptance = (r: Record<string, unknown>): ContractAcceptance => ({
  id: String(r.id),
  brandId: String(r.brand_id),
  accountId: String(r.account_id),
  userId: String(r.user_id),
  version: String(r.version),
  documentId: String(r.document_id),
  acceptedAt: Number(r.accepted_at),
});

/**
 * The `documents` and `contract_acceptances` tables; only the documents module touches them.
 * A document's HTML is written once by `insert` and no method changes it afterwards.
 */
@injectable()
export class DocumentRepository {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
    @injectAll(TOKENS.ReferencesInScope) private readonly references: ReferencesInScope[],
  ) {}

  /**
   * A user limited to some services sees the documents of their invoices only (an invoice's
   * document and its paid copy, under the invoices' rule). Acts, reconciliation statements and
   * the contract are about the whole account and point at no invoice: unknown to them (404).
   * In the SQL of every client read, from the actor (kernel/actor-context.ts), as services and
   * tickets do.
   */
  private get scoped() {
    return actorReferenceScope(this.actors, this.db, "documents", this.references);
  }

  /** Inserts the document unless one with its dedupe key exists; true when this call made it. */
  async insert(doc: StoredDocument): Promise<boolean> {
    await this.db("documents")
      .insert({
        id: doc.id,
        brand_id: doc.brandId,
        account_id: doc.accountId,
        kind: doc.kind,
        number: doc.number,
        title: doc.title,
        reference_type: doc.reference?.type ?? null,
        reference_id: doc.reference?.id ?? null,
        payer_id: doc.payerId,
        dedupe_key: doc.dedupeKey,
        period_start: doc.periodStart,
        period_end: doc.periodEnd,
        locale: doc.locale,
        template_name: doc.templateName,
        template_sha256: doc.templateSha256,
        html: doc.html,
        html_sha256: doc.htmlSha256,
        pdf_key: null,
        pdf_sha256: null,
        pdf_size: null,
        status: doc.status,
        failure_reason: doc.failureReason,
        created_at: doc.createdAt,
        rendered_at: null,
      })
      .onConflict("dedupe_key")
      .ignore();
    // The drivers report an ignored insert differently; whether our id is there says it for both.
    return (await this.db("documents").where({ id: doc.id }).first("id")) !== undefined;
  }

  async findById(id: string): Promise<StoredDocument | undefined> {
    const row = await this.db<DocumentRow>("documents").where({ id }).first();
    return row && toDocument(row);
  }

  async findByDedupeKey(key: string): Promise<StoredDocument | undefined> {
    const row = await this.db<DocumentRow>("documents").where({ dedupe_key: key }).first();
    return row && toDocument(row);
  }

  async findForAccount(accountId: string, id: string): Promise<StoredDocument | undefined> {
    const row = await this.db<DocumentRow>("documents").where({ account_id: accountId, id }).modify(this.scoped(accountId)).first();
    return row && toDocument(row);
  }

  /** Newest first, without the HTML (a list never shows it). */
  async listForAccount(
    accountId: string,
    filter: { kind?: DocumentKind; payerId?: string; from?: number; to?: number; beforeId?: string; limit: number },
  ): Promise<StoredDocument[]> {
    const query = this.db<DocumentRow>("documents")
      .where("account_id", accountId)
      .modify(this.scoped(accountId))
      .select(
        "id",
        "brand_id",
        "account_id",
        "kind",
        "number",
        "title",
        "reference_type",
        "reference_id",
        "payer_id",
        "dedupe_key",
        "period_start",
        "period_end",
        "locale",
        "template_name",
        "template_sha256",
        "html_sha256",
        "pdf_key",
        "pdf_sha256",
        "pdf_size",
        "status",
        "failure_reason",
        "created_at",
        "rendered_at",
      );
    if (filter.kind) query.where("kind", filter.kind);
    if (filter.payerId) query.where("payer_id", filter.payerId);
    if (filter.from !== undefined) query.where("created_at", ">=", filter.from);
    if (filter.to !== undefined) query.where("created_at", "<", filter.to);
    if (filter.beforeId) query.where("id", "<", filter.beforeId);
    const rows: Omit<DocumentRow, "html">[] = await query.orderBy("id", "desc").limit(filter.limit);
    return rows.map((row) => toDocument({ ...row, html: "" }));
  }

  /** Records the stored PDF of a document still rendering; false when it was not (already done). */
  async markReady(id: string, pdf: { key: string; sha256: string; size: number }, renderedAt: number): Promise<boolean> {
    const changed = await this.db("documents")
      .where({ id, status: "rendering" })
      .update({ status: "ready", pdf_key: pdf.key, pdf_sha256: pdf.sha256, pdf_size: pdf.size, rendered_at: renderedAt, failure_reason: null });
    return changed === 1;
  }

  async markFailed(id: string, reason: string): Promise<boolean> {
    return (
      (await this.db("documents")
        .where({ id, status: "rendering" })
        .update({ status: "failed", failure_reason: reason.slice(0, 255) })) === 1
    );
  }

  /** Puts a failed (or never rendered) document back to rendering, for another try; false when it was neither. */
  async retry(id: string): Promise<boolean> {
    return (await this.db("documents").where({ id }).whereIn("status", ["failed", "not_rendered"]).update({ status: "rendering", failure_reason: null })) === 1;
  }

  /** Marks a document rendering as not rendered (no renderer to print it); false when it was not rendering. */
  async markNotRendered(id: string, reason: string): Promise<boolean> {
    return (
      (await this.db("documents")
        .where({ id, status: "rendering" })
        .update({ status: "not_rendered", failure_reason: reason.slice(0, 255) })) === 1
    );
  }

  /** The ids of the documents left without a PDF because no renderer was enabled, oldest first. */
  async listNotRendered(limit: number): Promise<string[]> {
    return (await this.db("documents").where({ status: "not_rendered" }).orderBy("id").limit(limit).select("id")).map((r: { id: string }) => r.id);
  }

  async findAcceptance(accountId: string, version: string): Promise<ContractAcceptance | undefined> {
    const row = await this.db("contract_acceptances").where({ account_id: accountId, version }).first();
    return row && toAcceptance(row);
  }

  /** Records an acceptance unless the account already accepted that version (then the first one stands). */
  async insertAcceptance(acceptance: ContractAcceptance): Promise<void> {
    await this.db("contract_acceptances")
      .insert({
        id: acceptance.id,
        brand_id: acceptance.brandId,
        account_id: acceptance.accountId,
        user_id: acceptance.userId,
        version: acceptance.version,
        document_id: acceptance.documentId,
        accepted_at: acceptance.acceptedAt,
      })
      .onConflict(["account_id", "version"])
      .ignore();
  }
}
