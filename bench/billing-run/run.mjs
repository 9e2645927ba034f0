// bench:billing-run — the billing run renewing `--count` due services (default 100,000; ten per
// account, every account with the money) on MariaDB, against a hand-written batched-SQL
// baseline doing the same inserts and updates (baseline.mjs), each on its own copy of the same
// data, made just before its run. Prints renewals per second, the run's peak RSS (it must stay
// flat as the count grows: the run works in batches and never loads the fleet) and, last,
// ratio=X.XX (Cabinet renewals/s ÷ baseline renewals/s; target ≥ 0.3, and ≥ 1,000/s).
import "reflect-metadata";
import mysql from "mysql2/promise";
import { createCabinet } from "@cabinet/core";
import { SeedDemo } from "../../core/dist/seed/seed-demo.js";
import { RunBilling } from "../../core/dist/modules/services/run-billing.js";
import { billingProgress } from "../../core/dist/cli/billing-progress.js";
import { ensureMariaDb } from "../../scripts/lib/prepare.mjs";
import { runBaseline } from "./baseline.mjs";
import { addFleet, fleetDb } from "./fleet.mjs";

const countFlag = process.argv.indexOf("--count");
const count = Number(countFlag > 0 ? process.argv[countFlag + 1] : (process.env.BENCH_COUNT ?? 100_000));
if (!Number.isInteger(count) || count < 10) throw new Error("--count takes a whole number of services, 10 or more");
const batchSize = Number(process.env.BENCH_BATCH ?? 500);
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const perSecond = (n, ms) => n / (ms / 1000);
const say = (line) => process.stdout.write(`${line}\n`);

const serverUrl = await ensureMariaDb();
const paidUntil = Date.now() + 3_600_000; // due: within the renewal lead time
const dueBefore = Date.now() + 3 * 86_400_000;
say(`bench:billing-run — ${count.toLocaleString("en-US")} due services, batches of ${batchSize}, MariaDB`);

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
  await addFleet(fleetDb.mysql(pool), { count, paidUntil, onProgress: (done) => done % 20_000 === 0 && say(`  ${name}: ${done.toLocaleString("en-US")} services written`) });
  say(`  ${name}: fleet written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { cabinet, pool };
}

function samplePeakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return () => (clearInterval(timer), Math.max(peak, process.memoryUsage().rss));
}

/** What both runs must agree on: renewals recorded, and every balance the sum of its entries. */
async function check(pool, name) {
  const [[{ renewals }]] = await pool.query("SELECT COUNT(*) AS renewals FROM service_renewals");
  const [[{ entries }]] = await pool.query("SELECT COALESCE(SUM(amount), 0) AS entries FROM ledger_entries");
  const [[{ balances }]] = await pool.query("SELECT COALESCE(SUM(balance), 0) AS balances FROM account_balances");
  if (Number(entries) !== Number(balances)) throw new Error(`${name}: balances (${balances}) are not the sum of the entries (${entries})`);
  return Number(renewals);
}

try {
  say("preparing Cabinet's database…");
  const forCabinet = await prepare("cabinet_bench_billing");
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const stopSampling = samplePeakRss();
  const progress = billingProgress(process.stdout);
  let started = performance.now();
  const summary = await forCabinet.cabinet.container.resolve(RunBilling).execute({ onProgress: progress.update });
  const cabinetMs = performance.now() - started;
  const peakRss = stopSampling();
  progress.finish(summary);
  const cabinetRenewals = await check(forCabinet.pool, "cabinet");
  await forCabinet.pool.end();
  await forCabinet.cabinet.stop();

  say("preparing the baseline's database…");
  const forBaseline = await prepare("cabinet_bench_billing_base");
  await forBaseline.cabinet.stop();
  started = performance.now();
  let lastLine = started;
  const baselineRenewed = await runBaseline(forBaseline.pool, {
    dueBefore,
    batchSize,
    onProgress: (done) => {
      if (performance.now() - lastLine < 5_000) return;
      lastLine = performance.now();
      say(`baseline: ${done.toLocaleString("en-US")} renewed`);
    },
  });
  const baselineMs = performance.now() - started;
  const baselineRenewals = await check(forBaseline.pool, "baseline");
  await forBaseline.pool.end();
  if (cabinetRenewals !== baselineRenewals || summary.renewed < count) {
    throw new Error(`the runs disagree: Cabinet renewed ${summary.renewed} (${cabinetRenewals} rows), the baseline ${baselineRenewed} (${baselineRenewals} rows)`);
  }

  const cabinetRate = perSecond(summary.renewed, cabinetMs);
  const baselineRate = perSecond(baselineRenewed, baselineMs);
  say("");
  say(`cabinet   ${cabinetRate.toFixed(0).padStart(7)} renewals/s   (${summary.renewed.toLocaleString("en-US")} in ${(cabinetMs / 1000).toFixed(1)} s; peak RSS ${mb(peakRss)}, ${mb(rssBefore)} before the run)`);
  say(`baseline  ${baselineRate.toFixed(0).padStart(7)} renewals/s   (${baselineRenewed.toLocaleString("en-US")} in ${(baselineMs / 1000).toFixed(1)} s)`);
  say(`ratio=${(cabinetRate / baselineRate).toFixed(2)}`);
} finally {
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
}
