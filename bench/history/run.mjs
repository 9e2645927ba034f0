// bench:history — do a client's reads cost the same whatever the account's history? One
// Cabinet (SQLite by default, `--mysql` for MariaDB) serves two clients of the same brand:
//  - the heavy account: 100,000 ledger entries over three years, 5,000 services, 2,000 tickets;
//  - the fresh account: no history — only what both accounts have in common (below).
// Each is loaded on the same endpoints, one request at a time, the two accounts alternating
// request by request (so machine noise falls on both alike): the services, ledger and tickets
// lists (first page), the 12-month spending chart (GET /ledger/monthly), a reconciliation
// statement of the last 30 days (POST /documents/reconciliation) and the CSV export of those 30
// days (GET /ledger/export, read to its end). Prints p50/p99 of each endpoint for each account and
// their p99 ratio (heavy ÷ fresh; goal ≤ 1.2, i.e. ±20 %).
//
// Equal work: both accounts hold the same last 30 days — 60 ledger entries (charges and
// payments), the 25 newest services, the 25 newest tickets — so each request answers the same
// number of items for both (checked before timing): a list's first page, the statement's and
// the export's 30 days, the chart's 12 buckets. What the heavy account has more of is history:
// older entries (99,940, spread over the 35 months before), older services and tickets. The
// chart is the one answer whose figures differ (the heavy account has spent in 12 months, the
// fresh one in one): computed over an index or a rollup, it must not cost more.
// BENCH_REQUESTS (default 200) requests per endpoint and account. Seeded in bulk INSERTs.
// Last line: ratio=X.XX, the worst endpoint's p99 ratio (n/a on a busy machine unless --anyway).
import { Agent, request } from "node:http";
import { inTransaction, newId } from "@cabinet/core";
import { LedgerRepository } from "../../core/dist/modules/ledger/ledger.repository.js";
import { percentile, say, startBench } from "../lib/machine.mjs";
import { benchCabinet, freshMariaDb, freshSqlite, insertRows, signedInClient } from "../lib/cabinet.mjs";

const onMysql = process.argv.includes("--mysql");
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const DAY = 86_400_000;
const HEAVY = { entries: 100_000, services: 5_000, tickets: 2_000 };
const RECENT = { entries: 60, services: 25, tickets: 25 };

const bench = startBench(
  `bench:history — ${HEAVY.entries.toLocaleString("en-US")} ledger entries, ${HEAVY.services.toLocaleString("en-US")} services, ${HEAVY.tickets.toLocaleString("en-US")} tickets vs an account with none of that history, on ${onMysql ? "MariaDB" : "SQLite"}; ${requests} requests per endpoint and account`,
);
const database = onMysql ? await freshMariaDb("cabinet_bench_history") : freshSqlite("history");
const { cabinet, httpUrl } = await benchCabinet({ url: database.url, serve: true, poolMax: 10 });
const exec = (sql, params) => cabinet.db.raw(sql, params);
const ledger = cabinet.container.resolve(LedgerRepository);

/** The account's history (or none) and the last 30 days both accounts share: ledger, balance, services, tickets. */
async function seed(accountId, userId, heavy) {
  const now = Date.now();
  const brand = await cabinet.db("brands").where({ slug: "demo" }).first();
  const product = await cabinet.db("products").where({ code: "vps", brand_id: brand.id }).first();
  const department = await cabinet.db("support_departments").where({ brand_id: brand.id }).first();
  const recentFrom = now - 30 * DAY;
  const oldTo = now - 33 * DAY; // history ends before the statement's and the export's first day
  const oldFrom = now - 36 * 30 * DAY;
  // Ledger: entries in time order, ids made at their own instants (ids sort by time, as the ledger's do).
  const times = [];
  if (heavy)
    for (let i = 0; i < HEAVY.entries - RECENT.entries; i++) times.push(oldFrom + Math.floor((i / (HEAVY.entries - RECENT.entries)) * (oldTo - oldFrom)));
  for (let i = 0; i < RECENT.entries; i++) times.push(recentFrom + DAY / 2 + Math.floor(i * ((29 * DAY) / RECENT.entries)));
  let balance = 0;
  const entries = times.map((at, i) => {
    const payment = i % 4 === 0;
    const amount = payment ? 7_500 : -1_800 - (i % 5) * 100;
    balance += amount;
    return {
      id: newId("led", at),
      account_id: accountId,
      currency: "USD",
      amount,
      kind: payment ? "payment" : "charge",
      reference_type: payment ? null : "service",
      reference_id: payment ? null : `svc_history${i % 50}`,
      description: payment ? "Top-up" : `Renewal of node-${i % 50}`,
      idempotency_key: `history:${accountId}:${i}`,
      balance_after: balance,
      created_at: at,
    };
  });
  // Through the ledger's own repository, which keeps the monthly rollup in the same transaction (500 a statement: SQLite's compound SELECT limit).
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500).map((e) => ({
      id: e.id,
      accountId: e.account_id,
      currency: e.currency,
      amount: e.amount,
      kind: e.kind,
      reference: e.reference_type ? { type: e.reference_type, id: e.reference_id } : null,
      description: e.description,
      idempotencyKey: e.idempotency_key,
      balanceAfter: e.balance_after,
      createdAt: e.created_at,
    }));
    await inTransaction(cabinet.db, (trx) => ledger.insertEntries(chunk, trx));
  }
  await cabinet.db("account_balances").where({ account_id: accountId }).delete();
  await cabinet.db("account_balances").insert({ account_id: accountId, currency: "USD", balance, credit_limit: 0, updated_at: now });
  // Services and tickets: the older ones (heavy only) long ago, the newest 25 in the last 30 days.
  const spread = (count, recent) => [
    ...Array.from({ length: heavy ? count - recent : 0 }, (_, i) => oldFrom + Math.floor((i / (count - recent)) * (oldTo - oldFrom))),
    ...Array.from({ length: recent }, (_, i) => recentFrom + DAY + i * DAY),
  ];
  await insertRows(
    exec,
    "services",
    spread(HEAVY.services, RECENT.services).map((at, i) => ({
      id: newId("svc", at),
      account_id: accountId,
      product_id: product.id,
      label: `node-${i}`,
      status: "active",
      parameters: '{"cpu":2,"ram":4}',
      price_amount: 1800,
      currency: "USD",
      period_months: 1,
      paid_until: now + 20 * DAY,
      auto_renew: 1,
      created_at: at,
      updated_at: at,
    })),
  );
  await insertRows(
    exec,
    "tickets",
    spread(HEAVY.tickets, RECENT.tickets).map((at, i) => ({
      id: newId("tkt", at),
      brand_id: brand.id,
      account_id: accountId,
      opened_by_user_id: userId,
      department_id: department.id,
      subject: `Question ${i}`,
      priority: "normal",
      status: i % 3 === 0 ? "closed" : "awaiting_staff",
      last_message_at: at,
      created_at: at,
      updated_at: at,
      closed_at: i % 3 === 0 ? at : null,
    })),
  );
}

// Both signed in first: the seeding takes longer than the server keeps an idle connection open.
const clients = {};
for (const name of ["heavy", "fresh"]) clients[name] = await signedInClient(httpUrl, `${name}@example.org`);
for (const name of ["heavy", "fresh"]) {
  const { id: userId } = await cabinet
    .db("users")
    .where({ email: `${name}@example.org` })
    .first();
  const started = performance.now();
  await seed(clients[name].accountId, userId, name === "heavy");
  say(`${name}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const day = (at) => new Date(at).toISOString().slice(0, 10);
const from = day(Date.now() - 30 * DAY);
const to = day(Date.now() - DAY);
/** Each endpoint, and how many items an answer holds (the same for both accounts, or the comparison is off). */
const endpoints = [
  { name: "services list", path: "/api/v1/services", items: (b) => JSON.parse(b).items.length },
  { name: "ledger list", path: "/api/v1/ledger", items: (b) => JSON.parse(b).items.length },
  { name: "tickets list", path: "/api/v1/tickets", items: (b) => JSON.parse(b).items.length },
  { name: "monthly chart", path: "/api/v1/ledger/monthly?months=12", items: (b) => JSON.parse(b).months.length },
  { name: "statement", path: "/api/v1/documents/reconciliation", body: { from, to }, items: () => RECENT.entries },
  { name: "export (30 days)", path: `/api/v1/ledger/export?from=${from}&to=${to}`, items: (b) => b.split("\r\n").length - 2 },
];

// Idle sockets are let go before the server's keep-alive time-out (5 s) could close one under a request.
const agent = new Agent({ keepAlive: true, timeout: 3000 });
function call(client, endpoint) {
  const started = performance.now();
  const payload = endpoint.body ? JSON.stringify(endpoint.body) : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      `${httpUrl}${endpoint.path}`,
      {
        method: payload ? "POST" : "GET",
        agent,
        headers: { authorization: `Bearer ${client.token}`, ...(payload ? { "content-type": "application/json" } : {}) },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          const ms = performance.now() - started;
          if (res.statusCode >= 300) reject(new Error(`${endpoint.name}: ${res.statusCode} ${body.slice(0, 300)}`));
          else resolve({ ms, body });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

try {
  let worst = 0;
  say("");
  say(`${"endpoint".padEnd(17)} ${"items".padStart(5)}   heavy p50 / p99 ms   fresh p50 / p99 ms   p50 ratio   p99 ratio`);
  for (const endpoint of endpoints) {
    const [heavy, fresh] = [await call(clients.heavy, endpoint), await call(clients.fresh, endpoint)];
    const items = [endpoint.items(heavy.body), endpoint.items(fresh.body)];
    if (items[0] !== items[1])
      throw new Error(`${endpoint.name}: the heavy account's answer holds ${items[0]} items, the fresh one's ${items[1]}: not equal work`);
    for (let i = 0; i < 30; i++) for (const name of ["heavy", "fresh"]) await call(clients[name], endpoint); // warm-up
    const ms = { heavy: [], fresh: [] };
    for (let i = 0; i < requests; i++) {
      const order = i % 2 === 0 ? ["heavy", "fresh"] : ["fresh", "heavy"];
      for (const name of order) ms[name].push((await call(clients[name], endpoint)).ms);
    }
    const ratio = percentile(ms.heavy, 99) / percentile(ms.fresh, 99);
    worst = Math.max(worst, ratio);
    const figures = (list) => `${percentile(list, 50).toFixed(1).padStart(7)} / ${percentile(list, 99).toFixed(1).padStart(7)}`;
    const p50 = percentile(ms.heavy, 50) / percentile(ms.fresh, 50);
    say(
      `${endpoint.name.padEnd(17)} ${String(items[0]).padStart(5)}   ${figures(ms.heavy)}      ${figures(ms.fresh)}      ${p50.toFixed(2).padStart(5)}       ${ratio.toFixed(2).padStart(5)}${ratio > 1.2 ? "  ← past ±20 %" : ""}`,
    );
  }
  say("");
  say("ratio below: the worst endpoint's p99, heavy ÷ fresh (goal ≤ 1.2)");
  bench.ratio(worst);
} finally {
  agent.destroy();
  await cabinet.stop();
  await database.drop();
}
