// bench:billing-run — the billing run on MariaDB against a hand-written batched-SQL baseline
// (baseline.mjs), each on its own copy of the same data, made just before its run.
//
// Equal work: both renew the same services in the same order, charge the same balances, write
// the same ledger entries, renewal rows, paid-untils and history rows, and invoice the same
// short accounts once each with a line per service (numbers from the brand's sequence) — the
// run checks both end with the same renewals and invoices, and every balance equal to the sum
// of its entries. Cabinet does more than the baseline (events, notification outbox rows); the
// baseline does none of it. Cabinet runs in a child process of its own (its peak RSS is the
// run's, not the generator's); so does the baseline's process share nothing with the fleet's.
//
// The fleet (fleet.mjs): realistic by default — due dates spread over a day behind to the lead
// time, half as many services again not due, a mix of products and periods, one account in ten
// short of money, twelve periods of history behind each due service; `--easy` is the old fleet
// (all due at once, all with money, no history). `--count` due services (default 100,000;
// `--count 1000000` checks that memory stays flat). Prints renewals/s, invoices/s, peak RSS,
// and last ratio=X.XX (Cabinet renewals/s ÷ baseline; target ≥ 0.9, and ≥ 5,000/s on MariaDB).
import "reflect-metadata";
import mysql from "mysql2/promise";
import { createCabinet } from "@cabinet/core";
import { SeedDemo } from "../../core/dist/seed/seed-demo.js";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sayMachineLoad } from "../lib/machine.mjs";
import { ensureMariaDb } from "../../scripts/lib/prepare.mjs";
import { runBaseline } from "./baseline.mjs";
import { addFleet, fleetDb } from "./fleet.mjs";

const countFlag = process.argv.indexOf("--count");
const count = Number(countFlag > 0 ? process.argv[countFlag + 1] : (process.env.BENCH_COUNT ?? 100_000));
if (!Number.isInteger(count) || count < 10) throw new Error("--count takes a whole number of services, 10 or more");
const batchSize = Number(process.env.BENCH_BATCH ?? 500);
const realistic = !process.argv.includes("--easy");
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const perSecond = (n, ms) => n / (ms / 1000);
const say = (line) => process.stdout.write(`${line}\n`);

const serverUrl = await ensureMariaDb();
const paidUntil = Date.now() + 3_600_000; // due: within the renewal lead time
const dueBefore = Date.now() + 3 * 86_400_000;
say(`bench:billing-run — ${count.toLocaleString("en-US")} due services (${realistic ? "realistic" : "easy"} fleet), batches of ${batchSize}, MariaDB`);
const load = sayMachineLoad(say);

const admin = await mysql.createConnection(serverUrl);
const databases = [];

/** A fresh database with the core's schema, the demo brand and the fleet. */
async function prepare(name) {
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  databases.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const cabinet = await createCabinet({
    env: "production",
    log: { level: "fatal" }, // the demo seed's invoice documents find no renderer here: not the benchmark's business
    database: { url: url.toString(), poolMax: 4 },
    auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
    billing: { batchSize, intervalMinutes: 0 },
  });
  await cabinet.migrate();
  await cabinet.container.resolve(SeedDemo).execute();
  const pool = mysql.createPool({ uri: url.toString(), connectionLimit: 4, supportBigNumbers: true, bigNumberStrings: false });
  const started = performance.now();
  await addFleet(fleetDb.mysql(pool), { count, paidUntil, realistic, onProgress: (done) => done % 20_000 === 0 && say(`  ${name}: ${done.toLocaleString("en-US")} services written`) });
  say(`  ${name}: fleet written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { cabinet, pool, url: url.toString() };
}

/** What both runs must agree on: renewals recorded, and every balance the sum of its entries. */
async function check(pool, name) {
  const [[{ renewals }]] = await pool.query("SELECT COUNT(*) AS renewals FROM service_renewals WHERE source = 'billing-run' AND created_at >= ?", [Date.now() - 86_400_000 * 2]);
  const [[{ invoices }]] = await pool.query("SELECT COUNT(*) AS invoices FROM invoices WHERE purpose = 'renewal'");
  const [[{ entries }]] = await pool.query("SELECT COALESCE(SUM(amount), 0) AS entries FROM ledger_entries");
  const [[{ balances }]] = await pool.query("SELECT COALESCE(SUM(balance), 0) AS balances FROM account_balances");
  if (Number(entries) !== Number(balances)) throw new Error(`${name}: balances (${balances}) are not the sum of the entries (${entries})`);
  return `${Number(renewals)} renewals, ${Number(invoices)} invoices`;
}

try {
  say("preparing Cabinet's database…");
  const forCabinet = await prepare("cabinet_bench_billing");
  await forCabinet.cabinet.stop();
  const child = fork(fileURLToPath(new URL("./cabinet-run.mjs", import.meta.url)), [forCabinet.url, String(batchSize)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { summary, ms: cabinetMs, maxRssBytes } = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => code !== 0 && reject(new Error(`Cabinet's run exited with ${code}`)));
  });
  const cabinetOutcome = await check(forCabinet.pool, "cabinet");
  await forCabinet.pool.end();

  say("preparing the baseline's database…");
  const forBaseline = await prepare("cabinet_bench_billing_base");
  await forBaseline.cabinet.stop();
  const started = performance.now();
  let lastLine = started;
  const baseline = await runBaseline(forBaseline.pool, {
    dueBefore,
    batchSize,
    onProgress: (done) => {
      if (performance.now() - lastLine < 10_000) return;
      lastLine = performance.now();
      say(`baseline: ${done.toLocaleString("en-US")} renewed`);
    },
  });
  const baselineMs = performance.now() - started;
  const baselineOutcome = await check(forBaseline.pool, "baseline");
  await forBaseline.pool.end();
  if (cabinetOutcome !== baselineOutcome || summary.renewed !== baseline.renewed || summary.invoiced !== baseline.invoiced) {
    throw new Error(`the runs disagree: Cabinet ${summary.renewed} renewed, ${summary.invoiced} invoiced (${cabinetOutcome}); the baseline ${baseline.renewed} renewed, ${baseline.invoiced} invoiced (${baselineOutcome})`);
  }

  const cabinetRate = perSecond(summary.renewed + summary.invoiced, cabinetMs);
  const baselineRate = perSecond(baseline.renewed + baseline.invoiced, baselineMs);
  say("");
  say(`outcome   ${cabinetOutcome} on both sides`);
  say(`cabinet   ${cabinetRate.toFixed(0).padStart(7)} renewals/s   ${perSecond(summary.invoiced, cabinetMs).toFixed(0)} invoiced periods/s   (${summary.renewed.toLocaleString("en-US")} renewed + ${summary.invoiced.toLocaleString("en-US")} invoiced in ${(cabinetMs / 1000).toFixed(1)} s; peak RSS of the run's process ${mb(maxRssBytes)})`);
  say(`baseline  ${baselineRate.toFixed(0).padStart(7)} renewals/s   ${perSecond(baseline.invoiced, baselineMs).toFixed(0)} invoiced periods/s   (${baseline.invoices} invoices, in ${(baselineMs / 1000).toFixed(1)} s)`);
  if (load.busy) say("the machine was busy at the start: the ratio below is NOT comparable with a quiet run");
  sayMachineLoad(say);
  say(`ratio=${(cabinetRate / baselineRate).toFixed(2)}`);
} finally {
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
}
