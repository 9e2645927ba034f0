import { createHash } from "node:crypto";
import { inject, injectable } from "tsyringe";
import type { Knex } from "knex";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";

export interface HandoffCode {
  brandId: string;
  userId: string;
  origin: string;
  apiKeyId: string;
  createdAt: number;
  expiresAt: number;
}

export const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

/** The `handoff_codes` and `user_external_ids` tables (accounts module). */
@injectable()
export class HandoffRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(codeHash: string, code: HandoffCode): Promise<void> {
    await this.db("handoff_codes").insert({
      code_hash: codeHash,
      brand_id: code.brandId,
      user_id: code.userId,
      origin: code.origin,
      api_key_id: code.apiKeyId,
      created_at: code.createdAt,
      expires_at: code.expiresAt,
      used_at: null,
    });
    // Codes live a minute: the table holds only the last few minutes' worth.
    await this.db("handoff_codes")
      .where("expires_at", "<", code.createdAt - 3_600_000)
      .delete();
  }

  /**
   * Marks the code used and answers it, in one conditional write: of two exchanges racing with
   * the same code exactly one gets it. Undefined when it is unknown, used or expired.
   */
  async consume(codeHash: string, now: number): Promise<HandoffCode | undefined> {
    return this.db.transaction(async (trx) => {
      const taken = await trx("handoff_codes").where({ code_hash: codeHash }).whereNull("used_at").where("expires_at", ">", now).update({ used_at: now });
      if (taken !== 1) return undefined;
      const row = await trx("handoff_codes").where({ code_hash: codeHash }).first();
      return {
        brandId: row.brand_id,
        userId: row.user_id,
        origin: row.origin,
        apiKeyId: row.api_key_id,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
      };
    });
  }

  async findUserIdByExternalId(brandId: string, externalId: string): Promise<string | undefined> {
    const row = await this.db("user_external_ids").where({ brand_id: brandId, external_id: externalId }).first();
    return row?.user_id;
  }

  async bindExternalId(brandId: string, externalId: string, userId: string, now: number, trx: Knex = this.db): Promise<void> {
    await trx("user_external_ids").insert({ brand_id: brandId, external_id: externalId, user_id: userId, created_at: now });
  }

  async externalIdOf(userId: string): Promise<string | undefined> {
    return (await this.db("user_external_ids").where({ user_id: userId }).first())?.external_id;
  }
}
