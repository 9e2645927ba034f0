import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";

export interface ApiKey {
  id: string;
  brandId: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface ApiKeyRow {
  id: string;
  brand_id: string;
  name: string;
  secret_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  brandId: r.brand_id,
  name: r.name,
  createdAt: Number(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

/** A key reads `cabk_<id without prefix>_<secret>`: the id finds the row, the secret proves it. */
const KEY = /^cabk_([0-9a-z]{10,40})_([A-Za-z0-9_-]{43})$/;

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
export const newSecret = () => randomBytes(32).toString("base64url");
export const formatKey = (id: string, secret: string) => `cabk_${id.slice("key_".length)}_${secret}`;

/** The `brand_api_keys` table: the provider backends' keys, only their hashes kept. */
@injectable()
export class ApiKeyRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(key: ApiKey, secretHash: string): Promise<void> {
    await this.db("brand_api_keys").insert({
      id: key.id,
      brand_id: key.brandId,
      name: key.name,
      secret_hash: secretHash,
      created_at: key.createdAt,
      last_used_at: null,
      revoked_at: null,
    });
  }

  async listForBrand(brandId: string): Promise<ApiKey[]> {
    return (await this.db<ApiKeyRow>("brand_api_keys").where({ brand_id: brandId }).orderBy("id")).map(toKey);
  }

  async revoke(id: string, now: number): Promise<boolean> {
    return (await this.db("brand_api_keys").where({ id }).whereNull("revoked_at").update({ revoked_at: now })) === 1;
  }

  /** The live key that `presented` is, or undefined: malformed, unknown, wrong secret or revoked alike. */
  async verify(presented: string, now: number): Promise<ApiKey | undefined> {
    const match = KEY.exec(presented);
    if (!match) return undefined;
    const row = await this.db<ApiKeyRow>("brand_api_keys")
      .where({ id: `key_${match[1]}` })
      .first();
    if (!row || row.revoked_at !== null) return undefined;
    const expected = Buffer.from(row.secret_hash, "hex");
    const given = Buffer.from(hashSecret(match[2]), "hex");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    // Once a minute is enough for "last used", and keeps most calls free of a write.
    if (row.last_used_at === null || now - Number(row.last_used_at) > 60_000)
      await this.db("brand_api_keys").where({ id: row.id }).update({ last_used_at: now });
    return toKey(row);
  }
}
