import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";

export type UserTokenPurpose = "reset" | "email-change" | "verify-email";

export interface UserToken {
  id: string;
  userId: string;
  purpose: UserTokenPurpose;
  newEmail: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

interface UserTokenRow {
  id: string;
  token_hash: string;
  user_id: string;
  purpose: UserTokenPurpose;
  new_email: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

const toToken = (r: UserTokenRow): UserToken => ({
  id: r.id,
  userId: r.user_id,
  purpose: r.purpose,
  newEmail: r.new_email,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  usedAt: r.used_at == null ? null : Number(r.used_at),
});

/** The `user_tokens` table: single-use links sent by e-mail, kept only as SHA-256. */
@injectable()
export class UserTokenRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  /** Issues a token and, in the same transaction, voids every earlier unused one of that user and purpose. */
  async issue(token: UserToken & { tokenHash: string }, trx: Database = this.db): Promise<void> {
    await this.voidAll(token.userId, token.purpose, token.createdAt, trx);
    await trx("user_tokens").insert({
      id: token.id,
      token_hash: token.tokenHash,
      user_id: token.userId,
      purpose: token.purpose,
      new_email: token.newEmail,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      used_at: null,
    });
  }

  async voidAll(userId: string, purpose: UserTokenPurpose, now: number, trx: Database = this.db): Promise<void> {
    await trx("user_tokens").where({ user_id: userId, purpose }).whereNull("used_at").update({ used_at: now });
  }

  /**
   * Takes a token for use: marks it used in one conditional UPDATE, so of two requests racing
   * with one token only one wins. Undefined when unknown, used, superseded or expired.
   */
  async take(tokenHash: string, purpose: UserTokenPurpose, now: number, trx: Database = this.db): Promise<UserToken | undefined> {
    const row = await trx<UserTokenRow>("user_tokens").where({ token_hash: tokenHash, purpose }).first();
    if (!row || row.used_at != null || Number(row.expires_at) <= now) return undefined;
    const taken = await trx("user_tokens").where({ id: row.id }).whereNull("used_at").update({ used_at: now });
    return taken === 1 ? toToken(row) : undefined;
  }
}
