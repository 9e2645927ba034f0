import { createHash } from "node:crypto";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import type { ExternalIdentities } from "../accounts/index.js";
import type { ExternalIdentity, ExternalSignInState } from "./external-identity.js";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

interface IdentityRow {
  id: string;
  brand_id: string;
  user_id: string;
  provider: string;
  subject: string;
  email: string | null;
  created_at: number;
}

const toIdentity = (r: IdentityRow): ExternalIdentity => ({
  id: r.id,
  brandId: r.brand_id,
  userId: r.user_id,
  provider: r.provider,
  subject: r.subject,
  email: r.email,
  createdAt: Number(r.created_at),
});

/** The `external_identities` and `external_sign_in_states` tables; only the identities module touches them. */
@injectable()
export class ExternalIdentityRepository implements ExternalIdentities {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(identity: ExternalIdentity, trx: Database = this.db): Promise<void> {
    await trx("external_identities").insert({
      id: identity.id,
      brand_id: identity.brandId,
      user_id: identity.userId,
      provider: identity.provider,
      subject: identity.subject,
      email: identity.email,
      created_at: identity.createdAt,
    });
  }

  async findBySubject(brandId: string, provider: string, subject: string): Promise<ExternalIdentity | undefined> {
    const row = await this.db<IdentityRow>("external_identities").where({ brand_id: brandId, provider, subject }).first();
    return row ? toIdentity(row) : undefined;
  }

  async listForUser(userId: string, trx: Database = this.db): Promise<ExternalIdentity[]> {
    return (await trx<IdentityRow>("external_identities").where({ user_id: userId }).orderBy("id")).map(toIdentity);
  }

  async countFor(userId: string, trx: Database = this.db): Promise<number> {
    return Number((await trx("external_identities").where({ user_id: userId }).count({ n: "*" }))[0].n);
  }

  async delete(userId: string, id: string, trx: Database): Promise<boolean> {
    return Number(await trx("external_identities").where({ user_id: userId, id }).delete()) === 1;
  }

  async insertState(state: ExternalSignInState, stateValue: string): Promise<void> {
    await this.db("external_sign_in_states").insert({
      id: state.id,
      state_hash: sha256(stateValue),
      brand_id: state.brandId,
      provider: state.provider,
      purpose: state.purpose,
      user_id: state.userId,
      nonce: state.nonce,
      code_verifier: state.codeVerifier,
      return_to: state.returnTo,
      mode: state.mode,
      invitation_hash: state.invitationHash ?? null,
      created_at: state.createdAt,
      expires_at: state.expiresAt,
      used_at: null,
    });
  }

  /**
   * Takes a state for its callback, once: the row is marked used in the same statement that
   * finds it, so a replayed callback (or two at once) finds nothing the second time.
   */
  async claimState(stateValue: string, now: number): Promise<ExternalSignInState | undefined> {
    const hash = sha256(stateValue);
    const claimed = await this.db("external_sign_in_states")
      .where({ state_hash: hash })
      .whereNull("used_at")
      .where("expires_at", ">", now)
      .update({ used_at: now });
    if (Number(claimed) !== 1) return undefined;
    const r = await this.db("external_sign_in_states").where({ state_hash: hash }).first();
    return {
      id: r.id,
      brandId: r.brand_id,
      provider: r.provider,
      purpose: r.purpose,
      userId: r.user_id,
      nonce: r.nonce,
      codeVerifier: r.code_verifier,
      returnTo: r.return_to,
      mode: r.mode,
      invitationHash: r.invitation_hash,
      createdAt: Number(r.created_at),
      expiresAt: Number(r.expires_at),
      usedAt: now,
    };
  }

  async storeResult(stateId: string, code: string, result: { userId: string }): Promise<void> {
    await this.db("external_sign_in_states")
      .where({ id: stateId })
      .update({ result_code_hash: sha256(code), result: toJson(result) });
  }

  /** Takes a one-time result code, once, within its time; the state's brand and mode come with it. */
  async claimResult(code: string, brandId: string, notBefore: number): Promise<{ userId: string; mode: "cookie" | "bearer" } | undefined> {
    const hash = sha256(code);
    const row = await this.db("external_sign_in_states").where({ result_code_hash: hash, brand_id: brandId }).where("used_at", ">=", notBefore).first();
    if (!row) return undefined;
    const taken = await this.db("external_sign_in_states").where({ id: row.id, result_code_hash: hash }).update({ result_code_hash: null, result: null });
    if (Number(taken) !== 1) return undefined;
    return { ...fromJson<{ userId: string }>(row.result, { userId: "" }), mode: row.mode };
  }
}
