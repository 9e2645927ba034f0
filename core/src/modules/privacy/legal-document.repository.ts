import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { ConsentRecord, LegalDocument, LegalDocumentKind } from "./legal-document.js";

interface DocumentRow {
  id: string;
  brand_id: string;
  kind: LegalDocumentKind;
  version: number;
  title: string;
  body: string;
  effective_at: number;
  must_agree: number | boolean;
  show_on_sign_up: number | boolean;
  show_after_sign_in: number | boolean;
  published_by: string | null;
  created_at: number;
}

interface DecisionRow {
  id: string;
  brand_id: string;
  account_id: string;
  user_id: string;
  document_id: string;
  kind: LegalDocumentKind;
  version: number;
  decision: ConsentRecord["decision"];
  ip: string;
  user_agent: string;
  decided_at: number;
}

const toDocument = (r: DocumentRow): LegalDocument => ({
  id: r.id,
  brandId: r.brand_id,
  kind: r.kind,
  version: Number(r.version),
  title: r.title,
  body: r.body,
  effectiveAt: Number(r.effective_at),
  mustAgree: Boolean(r.must_agree),
  showOnSignUp: Boolean(r.show_on_sign_up),
  showAfterSignIn: Boolean(r.show_after_sign_in),
  publishedBy: r.published_by,
  createdAt: Number(r.created_at),
});

const toRecord = (r: DecisionRow): ConsentRecord => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  userId: r.user_id,
  documentId: r.document_id,
  kind: r.kind,
  version: Number(r.version),
  decision: r.decision,
  ip: r.ip,
  userAgent: r.user_agent,
  decidedAt: Number(r.decided_at),
});

/** The `legal_documents` and `consent_decisions` tables; only the privacy module touches them. */
@injectable()
export class LegalDocumentRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(doc: LegalDocument, trx: Database = this.db): Promise<void> {
    await trx("legal_documents").insert({
      id: doc.id,
      brand_id: doc.brandId,
      kind: doc.kind,
      version: doc.version,
      title: doc.title,
      body: doc.body,
      effective_at: doc.effectiveAt,
      must_agree: doc.mustAgree,
      show_on_sign_up: doc.showOnSignUp,
      show_after_sign_in: doc.showAfterSignIn,
      published_by: doc.publishedBy,
      created_at: doc.createdAt,
    });
  }

  async latestVersion(brandId: string, kind: LegalDocumentKind, trx: Database = this.db): Promise<number> {
    const row = await trx("legal_documents").where({ brand_id: brandId, kind }).max({ v: "version" }).first();
    return Number(row?.v ?? 0);
  }

  /** Every version of the brand, newest first (staff's list). */
  async listAll(brandId: string): Promise<LegalDocument[]> {
    return (
      await this.db<DocumentRow>("legal_documents")
        .where({ brand_id: brandId })
        .orderBy([{ column: "kind" }, { column: "version", order: "desc" }])
    ).map(toDocument);
  }

  /** The versions of the brand already in effect at `now`. */
  async listEffective(brandId: string, now: number): Promise<LegalDocument[]> {
    return (await this.db<DocumentRow>("legal_documents").where({ brand_id: brandId }).where("effective_at", "<=", now)).map(toDocument);
  }

  async find(brandId: string, id: string, trx: Database = this.db): Promise<LegalDocument | undefined> {
    const row = await trx<DocumentRow>("legal_documents").where({ brand_id: brandId, id }).first();
    return row ? toDocument(row) : undefined;
  }

  /** Whether the brand has any must-agree version at all (in force or to come). */
  async hasMustAgree(brandId: string): Promise<boolean> {
    return (await this.db("legal_documents").where({ brand_id: brandId, must_agree: true }).first("id")) !== undefined;
  }

  /**
   * The must-agree documents in effect that are the current version of their kind and that the
   * user has not accepted: one query, on every signed-in request, so it stays on indexes.
   */
  async outstandingRequired(brandId: string, userId: string, now: number): Promise<{ id: string; kind: LegalDocumentKind; version: number }[]> {
    const rows = await this.db("legal_documents as d")
      .where("d.brand_id", brandId)
      .where("d.must_agree", true)
      .where("d.effective_at", "<=", now)
      .whereNotExists((q) =>
        q
          .select(this.db.raw("1"))
          .from("legal_documents as n")
          .whereRaw("n.brand_id = d.brand_id")
          .whereRaw("n.kind = d.kind")
          .whereRaw("n.version > d.version")
          .where("n.effective_at", "<=", now),
      )
      .whereNotExists((q) =>
        q.select(this.db.raw("1")).from("consent_decisions as c").whereRaw("c.document_id = d.id").where("c.user_id", userId).where("c.decision", "accepted"),
      )
      .select("d.id", "d.kind", "d.version");
    return rows.map((r: { id: string; kind: LegalDocumentKind; version: number }) => ({ id: r.id, kind: r.kind, version: Number(r.version) }));
  }

  async insertDecisions(records: ConsentRecord[], trx: Database): Promise<void> {
    if (records.length === 0) return;
    await trx("consent_decisions").insert(
      records.map((r) => ({
        id: r.id,
        brand_id: r.brandId,
        account_id: r.accountId,
        user_id: r.userId,
        document_id: r.documentId,
        kind: r.kind,
        version: r.version,
        decision: r.decision,
        ip: r.ip,
        user_agent: r.userAgent,
        decided_at: r.decidedAt,
      })),
    );
  }

  /** The user's decisions, newest first. */
  async decisions(userId: string, limit = 500): Promise<ConsentRecord[]> {
    return (await this.db<DecisionRow>("consent_decisions").where({ user_id: userId }).orderBy("id", "desc").limit(limit)).map(toRecord);
  }
}
