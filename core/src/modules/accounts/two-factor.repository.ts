import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";

export interface TotpRecord {
  userId: string;
  secret: string;
  confirmedAt: number | null;
  lastUsedStep: number | null;
}

/** The `user_totp` and `recovery_codes` tables. Recovery codes are kept only as SHA-256. */
@injectable()
export class TwoFactorRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async find(userId: string, trx: Database = this.db): Promise<TotpRecord | undefined> {
    const row = await trx("user_totp").where({ user_id: userId }).first();
    return (
      row && {
        userId: row.user_id,
        secret: row.secret,
        confirmedAt: row.confirmed_at == null ? null : Number(row.confirmed_at),
        lastUsedStep: row.last_used_step == null ? null : Number(row.last_used_step),
      }
    );
  }

  async isOn(userId: string): Promise<boolean> {
    return (await this.db("user_totp").where({ user_id: userId }).whereNotNull("confirmed_at").first("user_id")) !== undefined;
  }

  /** A new secret being set up, replacing one never confirmed; refused (false) when one is confirmed. */
  async startSetup(userId: string, secret: string, now: number): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const existing = await this.find(userId, trx);
      if (existing?.confirmedAt != null) return false;
      if (existing) await trx("user_totp").where({ user_id: userId }).update({ secret, created_at: now, last_used_step: null });
      else await trx("user_totp").insert({ user_id: userId, secret, confirmed_at: null, last_used_step: null, created_at: now });
      return true;
    });
  }

  /**
   * Records `step` as used, in one conditional UPDATE: a code (and every earlier one) is
   * accepted once, even by two requests racing with it. False when the step was already used.
   */
  async useStep(userId: string, step: number, confirmAt?: number, trx: Database = this.db): Promise<boolean> {
    const update: Record<string, unknown> = { last_used_step: step };
    if (confirmAt !== undefined) update.confirmed_at = confirmAt;
    const changed = await trx("user_totp")
      .where({ user_id: userId })
      .where((q) => q.whereNull("last_used_step").orWhere("last_used_step", "<", step))
      .update(update);
    return changed === 1;
  }

  /** Replaces the user's recovery codes (all earlier ones stop working). */
  async replaceRecoveryCodes(userId: string, codes: { id: string; hash: string }[], now: number, trx: Database = this.db): Promise<void> {
    await trx("recovery_codes").where({ user_id: userId }).delete();
    await trx("recovery_codes").insert(codes.map((c) => ({ id: c.id, user_id: userId, code_hash: c.hash, used_at: null, created_at: now })));
  }

  /** Uses one recovery code in one conditional UPDATE; false when unknown or already used. */
  async useRecoveryCode(userId: string, hash: string, now: number): Promise<boolean> {
    return (await this.db("recovery_codes").where({ user_id: userId, code_hash: hash }).whereNull("used_at").update({ used_at: now })) >= 1;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const row = await this.db("recovery_codes").where({ user_id: userId }).whereNull("used_at").count<{ n: number | string }[]>({ n: "*" }).first();
    return Number(row?.n ?? 0);
  }

  /** Turns two-factor off: the secret and the recovery codes go. */
  async remove(userId: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx("recovery_codes").where({ user_id: userId }).delete();
      await trx("user_totp").where({ user_id: userId }).delete();
    });
  }
}
