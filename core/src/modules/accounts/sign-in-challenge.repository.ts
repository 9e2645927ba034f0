import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";

/** `passkey-invite`: an invitee creating their login with a passkey (no user yet). */
export type ChallengePurpose = "second-factor" | "passkey" | "passkey-register" | "passkey-invite";

export interface SignInChallenge {
  id: string;
  userId: string | null;
  brandId: string;
  purpose: ChallengePurpose;
  webauthnChallenge: string | null;
  mode: "cookie" | "bearer";
  expiresAt: number;
}

/** The `sign_in_challenges` table: a sign-in half done (password right, second factor to come), or a WebAuthn ceremony. */
@injectable()
export class SignInChallengeRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(c: SignInChallenge & { tokenHash: string; createdAt: number }): Promise<void> {
    await this.db("sign_in_challenges").insert({
      id: c.id,
      token_hash: c.tokenHash,
      user_id: c.userId,
      brand_id: c.brandId,
      purpose: c.purpose,
      webauthn_challenge: c.webauthnChallenge,
      mode: c.mode,
      created_at: c.createdAt,
      expires_at: c.expiresAt,
      used_at: null,
    });
  }

  /** The live challenge for a token, of this purpose and brand; undefined when unknown, used or expired. */
  async findLive(tokenHash: string, purpose: ChallengePurpose, brandId: string, now: number): Promise<SignInChallenge | undefined> {
    const row = await this.db("sign_in_challenges")
      .where({ token_hash: tokenHash, purpose, brand_id: brandId })
      .whereNull("used_at")
      .where("expires_at", ">", now)
      .first();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        brandId: row.brand_id,
        purpose: row.purpose,
        webauthnChallenge: row.webauthn_challenge,
        mode: row.mode,
        expiresAt: Number(row.expires_at),
      }
    );
  }

  /** Uses the challenge up, in one conditional UPDATE: of two racing requests one wins. */
  async use(id: string, now: number): Promise<boolean> {
    return (await this.db("sign_in_challenges").where({ id }).whereNull("used_at").update({ used_at: now })) === 1;
  }
}
