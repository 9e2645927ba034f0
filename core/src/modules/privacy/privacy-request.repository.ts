import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { PrivacyRequest, PrivacyRequestKind, PrivacyRequestStatus } from "./privacy-request.js";

interface Row {
  id: string;
  brand_id: string;
  account_id: string;
  user_id: string;
  kind: PrivacyRequestKind;
  by_owner: number | boolean;
  status: PrivacyRequestStatus;
  reason: string | null;
  staff_id: string | null;
  staff_note: string | null;
  created_at: number;
  decided_at: number | null;
}

const toRequest = (r: Row): PrivacyRequest => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  userId: r.user_id,
  kind: r.kind,
  byOwner: Boolean(r.by_owner),
  status: r.status,
  reason: r.reason,
  staffId: r.staff_id,
  staffNote: r.staff_note,
  createdAt: Number(r.created_at),
  decidedAt: r.decided_at === null ? null : Number(r.decided_at),
});

/** The `privacy_requests` and `account_restrictions` tables; only the privacy module touches them. */
@injectable()
export class PrivacyRequestRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(r: PrivacyRequest): Promise<void> {
    await this.db("privacy_requests").insert({
      id: r.id,
      brand_id: r.brandId,
      account_id: r.accountId,
      user_id: r.userId,
      kind: r.kind,
      by_owner: r.byOwner,
      status: r.status,
      reason: r.reason,
      staff_id: r.staffId,
      staff_note: r.staffNote,
      created_at: r.createdAt,
      decided_at: r.decidedAt,
    });
  }

  async pendingOfKind(userId: string, kind: PrivacyRequestKind): Promise<PrivacyRequest | undefined> {
    const row = await this.db<Row>("privacy_requests").where({ user_id: userId, kind, status: "pending" }).first();
    return row ? toRequest(row) : undefined;
  }

  async listForUser(userId: string): Promise<PrivacyRequest[]> {
    return (await this.db<Row>("privacy_requests").where({ user_id: userId }).orderBy("id", "desc")).map(toRequest);
  }

  async listForBrand(brandId: string, status?: PrivacyRequestStatus): Promise<PrivacyRequest[]> {
    return (
      await this.db<Row>("privacy_requests")
        .where({ brand_id: brandId })
        .modify((q) => (status ? q.where({ status }) : q))
        .orderBy("id", "desc")
        .limit(500)
    ).map(toRequest);
  }

  /** The brand's request, locked for the decision (another brand's id is not found). */
  async lockForBrand(brandId: string, id: string, trx: Database): Promise<PrivacyRequest | undefined> {
    const row = await trx<Row>("privacy_requests").where({ brand_id: brandId, id }).forUpdate().first();
    return row ? toRequest(row) : undefined;
  }

  /** Decides a pending request; false when it was decided meanwhile. */
  async decide(id: string, status: PrivacyRequestStatus, staffId: string, note: string | null, now: number, trx: Database): Promise<boolean> {
    const changed = await trx("privacy_requests").where({ id, status: "pending" }).update({ status, staff_id: staffId, staff_note: note, decided_at: now });
    return Number(changed) === 1;
  }

  async restrictAccount(r: PrivacyRequest, now: number, trx: Database): Promise<void> {
    // An erasure after a restriction replaces it: the account's row says what happened last.
    await trx("account_restrictions").where({ account_id: r.accountId }).delete();
    await trx("account_restrictions").insert({ account_id: r.accountId, brand_id: r.brandId, request_id: r.id, kind: r.kind, restricted_at: now });
  }

  async restriction(accountId: string): Promise<{ kind: PrivacyRequestKind; restrictedAt: number } | undefined> {
    const row = await this.db("account_restrictions").where({ account_id: accountId }).first();
    return row ? { kind: row.kind, restrictedAt: Number(row.restricted_at) } : undefined;
  }
}
