import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";

export interface StoredPasskey {
  id: string;
  userId: string;
  brandId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

// A knex row: its columns are typed by the mapping below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toPasskey = (r: Record<string, any>): StoredPasskey => ({
  id: r.id,
  userId: r.user_id,
  brandId: r.brand_id,
  credentialId: r.credential_id,
  publicKey: r.public_key,
  counter: Number(r.counter),
  transports: fromJson<string[]>(r.transports, []),
  name: r.name,
  createdAt: Number(r.created_at),
  lastUsedAt: r.last_used_at == null ? null : Number(r.last_used_at),
});

/** The `passkeys` table: WebAuthn credentials (public keys only) of users. */
@injectable()
export class PasskeyRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  async insert(p: StoredPasskey, trx: Database = this.db): Promise<void> {
    await trx("passkeys").insert({
      id: p.id,
      user_id: p.userId,
      brand_id: p.brandId,
      credential_id: p.credentialId,
      public_key: p.publicKey,
      counter: p.counter,
      transports: toJson(p.transports),
      name: p.name,
      created_at: p.createdAt,
      last_used_at: null,
    });
  }

  async listOf(userId: string): Promise<StoredPasskey[]> {
    return (await this.db("passkeys").where({ user_id: userId }).orderBy("created_at").orderBy("id")).map(toPasskey);
  }

  /** A credential of the brand by its WebAuthn id: what a sign-in assertion names. */
  async findByCredential(brandId: string, credentialId: string): Promise<StoredPasskey | undefined> {
    const row = await this.db("passkeys").where({ brand_id: brandId, credential_id: credentialId }).first();
    return row && toPasskey(row);
  }

  async rename(userId: string, id: string, name: string): Promise<boolean> {
    return (await this.db("passkeys").where({ id, user_id: userId }).update({ name })) === 1;
  }

  async countOf(userId: string, trx: Database = this.db): Promise<number> {
    return Number((await trx("passkeys").where({ user_id: userId }).count({ n: "*" }))[0].n);
  }

  async remove(userId: string, id: string, trx: Database = this.db): Promise<boolean> {
    return (await trx("passkeys").where({ id, user_id: userId }).delete()) === 1;
  }

  /**
   * Records a use: the signature counter only moves forward (a cloned authenticator shows an
   * older one). False when another use got there first with the same or a later counter.
   */
  async recordUse(id: string, counter: number, now: number): Promise<boolean> {
    const query = this.db("passkeys").where({ id });
    // Authenticators that keep no counter always say 0.
    if (counter > 0) query.where("counter", "<", counter);
    return (await query.update({ counter, last_used_at: now })) === 1;
  }
}
