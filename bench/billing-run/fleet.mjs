// The benchmark's clients: `count` auto-renewing services due now, ten per account.
//  - `realistic: false` (the easy fleet): every service due at the same instant, one product
//    and period, every account with the money for all ten, no history;
//  - `realistic: true` (bench:billing-run's default): the due services' paid-until spread from a
//    day behind (the run catches up a day) to the end of the lead time, half as many again not
//    due yet (spread over the rest of the month: in the tables and indexes, skipped by the run),
//    a mix of products and periods (1, 3 and 12 months, prices from 2.50 to 129.00), one account
//    in ten short of money (its balance covers three of its ten services), and twelve periods
//    of history already renewed behind each due service (`historyMonths`: a renewal row and a
//    ledger charge each, balanced by a past top-up). Written straight into a migrated, seeded database in
// multi-row INSERTs of a thousand, so neither the data nor the generator's memory grows with
// the count beyond one chunk. `db` is what runs SQL on the benchmark's database:
// `fleetDb.mysql(pool)` or `fleetDb.knex(knex)` (SQLite through the core's own connection).
import { newId } from "@cabinet/core";
import { addMonths } from "../../core/dist/modules/services/service-period.js";
import { insertRows } from "../lib/cabinet.mjs";

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

const insertChunked = (db, table, rows) => insertRows(db.exec, table, rows);

const DAY = 86_400_000;
const MIX = [
  { code: "vps", periodMonths: 1, price: 1800 },
  { code: "vps", periodMonths: 3, price: 5100 },
  { code: "shared", periodMonths: 1, price: 250 },
  { code: "shared", periodMonths: 12, price: 2400 },
  { code: "dedicated", periodMonths: 1, price: 12900 },
  { code: "domain", periodMonths: 12, price: 1500 },
];

/** Adds the fleet; `onProgress(done)` hears each chunk of services. `paidUntil`: the easy fleet's one due instant; `leadDays`: the realistic fleet's lead. */
export async function addFleet(db, { count, paidUntil, realistic = false, leadDays = 3, historyMonths = 12, onProgress = () => {} }) {
  if (!realistic) return addEasyFleet(db, { count, paidUntil, onProgress });
  const brand = await db.first("SELECT id FROM brands WHERE slug = 'demo'");
  const products = new Map();
  for (const code of new Set(MIX.map((m) => m.code)))
    products.set(code, (await db.first("SELECT id FROM products WHERE code = ? AND brand_id = ?", [code, brand.id])).id);
  const now = Date.now();
  const dueFrom = now - DAY;
  const dueSpan = (leadDays + 1) * DAY - 3_600_000;
  let serial = 0;
  for (let first = 0; first < count; first += CHUNK) {
    const size = Math.min(CHUNK, count - first);
    const rows = { accounts: [], payers: [], account_balances: [], ledger_entries: [], services: [], service_renewals: [] };
    for (let i = 0; i < size; i += PER_ACCOUNT) {
      const accountId = newId("acc", now);
      const inAccount = Math.min(PER_ACCOUNT, size - i);
      const short = ((first + i) / PER_ACCOUNT) % 10 === 9;
      const services = [];
      for (let s = 0; s < inAccount + Math.floor(inAccount / 2); s++) {
        const mix = MIX[serial++ % MIX.length];
        const due = s < inAccount;
        // Due: from a day behind to the end of the lead; the others: later in the month.
        const until = due ? dueFrom + Math.floor((((serial * 7919) % 1000) / 1000) * dueSpan) : now + (leadDays + 1) * DAY + ((serial * 104729) % (25 * DAY));
        services.push({ id: newId("svc", now), mix, due, until });
      }
      const dueCost = services.filter((s) => s.due).reduce((sum, s) => sum + s.mix.price, 0);
      const money = short
        ? services
            .filter((s) => s.due)
            .slice(0, 3)
            .reduce((sum, s) => sum + s.mix.price, 0)
        : dueCost + 500;
      let history = 0;
      for (const s of services) {
        rows.services.push({
          id: s.id,
          account_id: accountId,
          product_id: products.get(s.mix.code),
          label: `bench-${serial}`,
          status: "active",
          parameters: '{"cpu":2,"ram":4}',
          price_amount: s.mix.price,
          currency: "USD",
          period_months: s.mix.periodMonths,
          paid_until: s.until,
          period_start: addMonths(s.until, -s.mix.periodMonths),
          auto_renew: 1,
          created_at: now,
          updated_at: now,
        });
        if (!s.due) continue;
        // Periods already renewed (twelve by default): a renewal row and its charge each.
        for (let k = historyMonths; k >= 1; k--) {
          const start = addMonths(s.until, -k * s.mix.periodMonths);
          const entryId = newId("led", now);
          rows.ledger_entries.push({
            id: entryId,
            account_id: accountId,
            currency: "USD",
            amount: -s.mix.price,
            kind: "charge",
            reference_type: "service",
            reference_id: s.id,
            description: "Renewal (history)",
            idempotency_key: `renewal:${s.id}:${start}`,
            balance_after: 0,
            created_at: start,
          });
          rows.service_renewals.push({
            id: newId("rnw", now),
            service_id: s.id,
            account_id: accountId,
            period_start: start,
            period_end: addMonths(start, s.mix.periodMonths),
            periods: 1,
            amount: s.mix.price,
            currency: "USD",
            ledger_entry_id: entryId,
            invoice_id: null,
            source: "billing-run",
            created_at: start,
          });
          history += s.mix.price;
        }
      }
      rows.accounts.push({ id: accountId, brand_id: brand.id, name: `Bench ${first + i}`, kind: "person", currency: "USD", status: "active", created_at: now });
      // A year-old account has its default payer (made with its first invoice, or its profile).
      rows.payers.push({
        id: newId("pyr", now),
        account_id: accountId,
        kind: "individual",
        name: `Bench ${first + i}`,
        address: "",
        country: null,
        registration_number: null,
        vat_number: null,
        email: null,
        default_for: accountId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
      rows.account_balances.push({ account_id: accountId, currency: "USD", balance: money, credit_limit: 0, updated_at: now });
      rows.ledger_entries.push({
        id: newId("led", now),
        account_id: accountId,
        currency: "USD",
        amount: money + history,
        kind: "payment",
        reference_type: null,
        reference_id: null,
        description: "Bench top-ups",
        idempotency_key: `bench-top-up:${accountId}`,
        balance_after: money + history,
        created_at: now - 400 * DAY,
      });
    }
    for (const table of ["accounts", "payers", "account_balances", "ledger_entries", "services", "service_renewals"])
      await insertChunked(db, table, rows[table]);
    onProgress(first + size);
  }
}

async function addEasyFleet(db, { count, paidUntil, onProgress }) {
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
        id: newId("led", now),
        account_id: accountId,
        currency: "USD",
        amount: money,
        kind: "payment",
        reference_type: null,
        reference_id: null,
        description: "Bench top-up",
        idempotency_key: `bench-top-up:${accountId}`,
        balance_after: money,
        created_at: now,
      });
      for (let s = 0; s < inAccount; s++) {
        services.push({
          id: newId("svc", now),
          account_id: accountId,
          product_id: product.id,
          label: `bench-${first + i + s}`,
          status: "active",
          parameters: '{"cpu":2,"ram":4}',
          price_amount: PRICE,
          currency: "USD",
          period_months: 1,
          paid_until: paidUntil,
          auto_renew: 1,
          created_at: now,
          updated_at: now,
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
