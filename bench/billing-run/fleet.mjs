// The benchmark's clients: `count` auto-renewing services due now, ten per account, every
// account with the money for all ten. Written straight into a migrated, seeded database in
// multi-row INSERTs of a thousand, so neither the data nor the generator's memory grows with
// the count beyond one chunk. `db` is what runs SQL on the benchmark's database:
// `fleetDb.mysql(pool)` or `fleetDb.knex(knex)` (SQLite through the core's own connection).
import { newId } from "@cabinet/core";

const PER_ACCOUNT = 10;
const PRICE = 1800;
const CHUNK = 1000;

export const fleetDb = {
  mysql: (pool) => ({
    exec: (sql, params) => pool.query(sql, params),
    first: async (sql, params) => (await pool.query(sql, params))[0][0],
  }),
  knex: (knex) => ({
    exec: (sql, params) => knex.raw(sql, params),
    first: async (sql, params) => (await knex.raw(sql, params))[0],
  }),
};

async function insertChunked(db, table, rows) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const placeholders = `(${columns.map(() => "?").join(",")})`;
  // SQLite binds at most 32,766 values a statement: a chunk stays under it.
  const per = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await db.exec(`INSERT INTO ${table} (${columns.join(",")}) VALUES ${part.map(() => placeholders).join(",")}`, part.flatMap((r) => columns.map((c) => r[c])));
  }
}

/** Adds the fleet; `onProgress(done)` hears each chunk of services. */
export async function addFleet(db, { count, paidUntil, onProgress = () => {} }) {
  const brand = await db.first("SELECT id FROM brands WHERE slug = 'demo'");
  const product = await db.first("SELECT id FROM products WHERE code = 'vps' AND brand_id = ?", [brand.id]);
  const now = Date.now();
  for (let first = 0; first < count; first += CHUNK) {
    const size = Math.min(CHUNK, count - first);
    const accounts = [];
    const balances = [];
    const payments = [];
    const services = [];
    for (let i = 0; i < size; i += PER_ACCOUNT) {
      const accountId = newId("acc", now);
      const inAccount = Math.min(PER_ACCOUNT, size - i);
      const money = inAccount * PRICE + 500;
      accounts.push({ id: accountId, brand_id: brand.id, name: `Bench ${first + i}`, kind: "person", currency: "USD", status: "active", created_at: now });
      balances.push({ account_id: accountId, currency: "USD", balance: money, credit_limit: 0, updated_at: now });
      payments.push({
        id: newId("led", now), account_id: accountId, currency: "USD", amount: money, kind: "payment", reference_type: null, reference_id: null,
        description: "Bench top-up", idempotency_key: `bench-top-up:${accountId}`, balance_after: money, created_at: now,
      });
      for (let s = 0; s < inAccount; s++) {
        services.push({
          id: newId("svc", now), account_id: accountId, product_id: product.id, label: `bench-${first + i + s}`, status: "active",
          parameters: '{"cpu":2,"ram":4}', price_amount: PRICE, currency: "USD", period_months: 1, paid_until: paidUntil, auto_renew: 1,
          created_at: now, updated_at: now,
        });
      }
    }
    await insertChunked(db, "accounts", accounts);
    await insertChunked(db, "account_balances", balances);
    await insertChunked(db, "ledger_entries", payments);
    await insertChunked(db, "services", services);
    onProgress(first + size);
  }
}
