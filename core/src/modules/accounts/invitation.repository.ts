import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";

export interface Invitation {
  id: string;
  brandId: string;
  accountId: string;
  email: string;
  roles: string[];
  serviceIds: string[] | null;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  acceptedBy: string | null;
  revokedAt: number | null;
}

interface InvitationRow {
  id: string;
  brand_id: string;
  account_id: string;
  email: string;
  roles: string;
  service_ids: string | null;
  invited_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}

const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  email: r.email,
  roles: fromJson<string[]>(r.roles, []),
  serviceIds: r.service_ids === null ? null : fromJson<string[]>(r.service_ids, []),
  invitedBy: r.invited_by,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  acceptedAt: r.accepted_at === null ? null : Number(r.accepted_at),
  acceptedBy: r.accepted_by,
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

export function invitationStatus(i: Invitation, now: number): "pending" | "accepted" | "revoked" | "expired" {
  return i.acceptedAt !== null ? "accepted" : i.revokedAt !== null ? "revoked" : i.expiresAt <= now ? "expired" : "pending";
}

/** The `invitations` table. The link's token is never stored: only its SHA-256. */
@injectable()
export class InvitationRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(i: Invitation, tokenHash: string, trx: Database = this.db): Promise<void> {
    await trx("invitations").insert({
      id: i.id,
      brand_id: i.brandId,
      account_id: i.accountId,
      email: i.email,
      token_hash: tokenHash,
      roles: toJson(i.roles),
      service_ids: i.serviceIds === null ? null : toJson(i.serviceIds),
      invited_by: i.invitedBy,
      created_at: i.createdAt,
      expires_at: i.expiresAt,
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    });
  }

  async find(accountId: string, id: string, trx: Database = this.db): Promise<Invitation | undefined> {
    const row = await trx<InvitationRow>("invitations").where({ account_id: accountId, id }).first();
    return row ? toInvitation(row) : undefined;
  }

  async findByToken(tokenHash: string, trx: Database = this.db): Promise<Invitation | undefined> {
    const row = await trx<InvitationRow>("invitations").where("token_hash", tokenHash).first();
    return row ? toInvitation(row) : undefined;
  }

  async list(accountId: string): Promise<Invitation[]> {
    return (await this.db<InvitationRow>("invitations").where({ account_id: accountId }).orderBy("id", "desc").limit(200)).map(toInvitation);
  }

  /** Marks it used, only if it still may be: the one statement that makes an invitation single-use. */
  async claim(id: string, userId: string, now: number, trx: Database): Promise<boolean> {
    const n = await trx("invitations")
      .where({ id })
      .whereNull("accepted_at")
      .whereNull("revoked_at")
      .where("expires_at", ">", now)
      .update({ accepted_at: now, accepted_by: userId });
    return n === 1;
  }

  async revoke(accountId: string, id: string, now: number, trx: Database): Promise<boolean> {
    return (await trx("invitations").where({ account_id: accountId, id }).whereNull("accepted_at").whereNull("revoked_at").update({ revoked_at: now })) === 1;
  }

  /** A new link (the old one stops working) and seven more days. */
  async renew(accountId: string, id: string, tokenHash: string, expiresAt: number, trx: Database): Promise<boolean> {
    return (
      (await trx("invitations")
        .where({ account_id: accountId, id })
        .whereNull("accepted_at")
        .whereNull("revoked_at")
        .update({ token_hash: tokenHash, expires_at: expiresAt })) === 1
    );
  }
}
