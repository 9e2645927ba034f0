// Counts the SQL statements of a billing run on a small realistic fleet, by pass (first: the
// walk; second: the short accounts; after: what runs after the second pass's last batch — its
// after-commit handlers, the other phases, the notification worker's polls):
// node bench/billing-run/count-queries.mjs [services] [--sqlite]   (MariaDB by default)
import "reflect-metadata";
import { RunBilling } from "../../core/dist/modules/services/run-billing.js";
import { RenewDueServices } from "../../core/dist/modules/services/renew-due-services.js";
import { benchCabinet, freshMariaDb, freshSqlite, mysqlPool } from "../lib/cabinet.mjs";
import { addFleet, fleetDb } from "./fleet.mjs";

const count = Number(process.argv[2] ?? 2000);
const sqlite = process.argv.includes("--sqlite");
const database = sqlite ? freshSqlite("count") : await freshMariaDb("cabinet_bench_count");
const { cabinet } = await benchCabinet({ url: database.url, config: { billing: { batchSize: 500 } } });
try {
  const pool = sqlite ? null : mysqlPool(database.url);
  await addFleet(pool ? fleetDb.mysql(pool) : fleetDb.knex(cabinet.db), { count, realistic: true, leadDays: 3, historyMonths: 12, paidUntil: Date.now() });
  await pool?.end();
  let pass = "first";
  const original = RenewDueServices.prototype.executeForAccounts;
  RenewDueServices.prototype.executeForAccounts = async function (input) {
    pass = "second";
    try {
      return await original.call(this, input);
    } finally {
      pass = "after";
    }
  };
  const counts = { first: new Map(), second: new Map(), after: new Map() };
  cabinet.db.client.on("query", (q) => {
    const sql = q.sql
      .replace(/\((\?,? ?)+\)/g, "(…)")
      .replace(/(\(…\),? ?)+/g, "(…)…")
      .replace(/WHEN \? THEN \? /g, "")
      .slice(0, 150);
    const m = counts[pass];
    m.set(sql, (m.get(sql) ?? 0) + 1);
  });
  const summary = await cabinet.container.resolve(RunBilling).execute({ alone: true });
  const { charged: _c, ...rest } = summary;
  console.log(rest);
  for (const [name, m] of Object.entries(counts)) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    console.log(`\n== ${name} pass: ${total} statements`);
    for (const [sql, n] of [...m].sort((a, b) => b[1] - a[1])) console.log(String(n).padStart(6), sql);
  }
} finally {
  await cabinet.stop();
  await database.drop();
}
