// bench:billing-run — the billing run on MariaDB against a hand-written batched-SQL baseline
// (baseline.mjs), each on its own copy of the same data, made just before its run.
//
// Equal work: both renew the same services in the same order, charge the same balances, write
// the same ledger entries (and monthly rollup), renewal rows, paid-untils, history rows and
// audit rows, and invoice the same short accounts once each, made out to its default payer,
// with a line per service (numbers from the brand's sequence) and one audit row — the run
// checks both end with the same counts of each (and every balance equal to the sum of its
// entries). Cabinet does more than the baseline: the invoices' documents (HTML from the
// template, after the commit) and its event bus; the notifications are one per short account
// on both sides' terms (the fleet's accounts have no users, so neither writes any). Cabinet runs in a child process of its own (its peak
// RSS is the run's, not the generator's). One round a side: a fleet takes a minute to write.
//
// The fleet (fleet.mjs): realistic by default — due dates spread over a day behind to the lead
// time, half as many services again not due, a mix of products and periods, one account in ten
// short of money, twelve periods of history behind each due service (`--history N` for N);
// `--easy` is the old fleet (all due at once, all with money, no history). `--count` due
// services (default 100,000). Prints renewals/s, invoiced periods/s, peak RSS, and last
// ratio=X.XX (Cabinet renewals/s ÷ baseline; target ≥ 0.9, and ≥ 5,000/s on MariaDB).
//
// `--memory`: flat memory instead of the ratio — Cabinet's run alone at 100,000 services
// (`--memory-base N` for another) and at `--count` (default then 1,000,000), each in a process
// of its own; last line ratio=X.XX is the larger run's peak RSS over the smaller's (target ≤ 1.2). BENCH_CPU_PROF=<dir> has Cabinet's
// run write a V8 CPU profile (--cpu-prof) there. On a busy machine the last line is ratio=n/a
// unless --anyway is given (bench/lib/machine.mjs).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mb, say, startBench } from "../lib/machine.mjs";
import { benchCabinet, freshMariaDb, mysqlPool } from "../lib/cabinet.mjs";
import { runBaseline } from "./baseline.mjs";
import { addFleet, fleetDb } from "./fleet.mjs";

const flag = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const memory = process.argv.includes("--memory");
const count = flag("--count", Number(process.env.BENCH_COUNT ?? (memory ? 1_000_000 : 100_000)));
if (!Number.isInteger(count) || count < 10) throw new Error("--count takes a whole number of services, 10 or more");
const historyMonths = flag("--history", 12);
const memoryBase = flag("--memory-base", 100_000);
const batchSize = Number(process.env.BENCH_BATCH ?? 500);
const realistic = !process.argv.includes("--easy");
const perSecond = (n, ms) => n / (ms / 1000);
const leadDays = 3;
const fleet = `${realistic ? `realistic fleet, ${historyMonths} periods of history` : "easy fleet"}`;

const bench = startBench(
  memory
    ? `bench:billing-run --memory — Cabinet's run at ${memoryBase.toLocaleString("en-US")} and ${count.toLocaleString("en-US")} due services (${fleet}), batches of ${batchSize}, MariaDB`
    : `bench:billing-run — ${count.toLocaleString("en-US")} due services (${fleet}), batches of ${batchSize}, MariaDB`,
);
const databases = [];

/** A fresh database with the core's schema, the demo brand and `size` due services. */
async function prepare(name, size) {
  const database = await freshMariaDb(name);
  databases.push(database);
  const { cabinet } = await benchCabinet({ url: database.url, config: { billing: { batchSize } } });
  await cabinet.stop();
  const pool = mysqlPool(database.url);
  const started = performance.now();
  await addFleet(fleetDb.mysql(pool), {
    count: size,
    paidUntil: Date.now() + 3_600_000, // the easy fleet's one instant: within the renewal lead time
    realistic,
    leadDays,
    historyMonths,
    onProgress: (done) => done % 100_000 === 0 && say(`  ${name}: ${done.toLocaleString("en-US")} services written`),
  });
  say(`  ${name}: fleet written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { pool, url: database.url };
}

/** Cabinet's run in a child process of its own: `{ summary, ms, maxRssBytes }`. */
async function cabinetRun(url) {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(fileURLToPath(new URL("./cabinet-run.mjs", import.meta.url)), [url, String(batchSize)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
  });
  return new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => code !== 0 && reject(new Error(`Cabinet's run exited with ${code}`)));
  });
}

/** What both runs must agree on: renewals recorded, and every balance the sum of its entries. */
async function check(pool, name) {
  const [[{ renewals }]] = await pool.query("SELECT COUNT(*) AS renewals FROM service_renewals WHERE source = 'billing-run' AND created_at >= ?", [
    Date.now() - 86_400_000 * 2,
  ]);
  const [[{ invoices }]] = await pool.query("SELECT COUNT(*) AS invoices FROM invoices WHERE purpose = 'renewal'");
  const [[{ entries }]] = await pool.query("SELECT COALESCE(SUM(amount), 0) AS entries FROM ledger_entries");
  const [[{ balances }]] = await pool.query("SELECT COALESCE(SUM(balance), 0) AS balances FROM account_balances");
  if (Number(entries) !== Number(balances)) throw new Error(`${name}: balances (${balances}) are not the sum of the entries (${entries})`);
  // The other rows both sides write: the same counts (and the rollup the same total) or the run stops.
  const [[rows]] = await pool.query(
    "SELECT (SELECT COUNT(*) FROM invoice_lines) AS line_count, (SELECT COUNT(*) FROM service_history) AS history, (SELECT COUNT(*) FROM payers) AS payers, " +
      "(SELECT COUNT(*) FROM audit_entries WHERE action IN ('service.renewed', 'service.renewals_invoiced')) AS audit, (SELECT COALESCE(SUM(total), 0) FROM ledger_monthly) AS monthly",
  );
  return `${Number(renewals)} renewals, ${Number(invoices)} invoices, ${Number(rows.line_count)} invoice lines, ${Number(rows.history)} history rows, ${Number(rows.audit)} audit rows, ${Number(rows.payers)} payers, rollup ${Number(rows.monthly)}`;
}

const describeRun = ({ summary, ms, maxRssBytes }) =>
  `${perSecond(summary.renewed + summary.invoiced, ms)
    .toFixed(0)
    .padStart(7)} renewals/s   ${perSecond(summary.invoiced, ms).toFixed(0)} invoiced periods/s   ` +
  `(${summary.renewed.toLocaleString("en-US")} renewed + ${summary.invoiced.toLocaleString("en-US")} invoiced in ${(ms / 1000).toFixed(1)} s; peak RSS of the run's process ${mb(maxRssBytes)})`;

try {
  if (memory) {
    const runs = [];
    const sizes = [memoryBase, count];
    for (const size of sizes) {
      say(`preparing ${size.toLocaleString("en-US")} services…`);
      const db = await prepare("cabinet_bench_billing", size);
      const run = await cabinetRun(db.url);
      say(`${size.toLocaleString("en-US").padStart(9)} services: ${await check(db.pool, "cabinet")}`);
      await db.pool.end();
      await databases.pop().drop();
      runs.push(run);
    }
    say("");
    for (const [i, run] of runs.entries()) say(`${sizes[i].toLocaleString("en-US").padStart(9)}  ${describeRun(run)}`);
    say(
      `peak RSS ${mb(runs[1].maxRssBytes)} at ${count.toLocaleString("en-US")} ÷ ${mb(runs[0].maxRssBytes)} at ${memoryBase.toLocaleString("en-US")} (target ≤ 1.2)`,
    );
    bench.ratio(runs[1].maxRssBytes / runs[0].maxRssBytes);
  } else {
    say("preparing Cabinet's database…");
    const forCabinet = await prepare("cabinet_bench_billing", count);
    const cabinet = await cabinetRun(forCabinet.url);
    const cabinetOutcome = await check(forCabinet.pool, "cabinet");
    await forCabinet.pool.end();

    say("preparing the baseline's database…");
    const forBaseline = await prepare("cabinet_bench_billing_base", count);
    const started = performance.now();
    let lastLine = started;
    const baseline = await runBaseline(forBaseline.pool, {
      dueBefore: Date.now() + leadDays * 86_400_000,
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
    const { summary } = cabinet;
    if (cabinetOutcome !== baselineOutcome || summary.renewed !== baseline.renewed || summary.invoiced !== baseline.invoiced) {
      throw new Error(
        `the runs disagree: Cabinet ${summary.renewed} renewed, ${summary.invoiced} invoiced (${cabinetOutcome}); the baseline ${baseline.renewed} renewed, ${baseline.invoiced} invoiced (${baselineOutcome})`,
      );
    }
    say("");
    say(`outcome   ${cabinetOutcome} on both sides`);
    say(`cabinet   ${describeRun(cabinet)}`);
    say(
      `baseline  ${perSecond(baseline.renewed + baseline.invoiced, baselineMs)
        .toFixed(0)
        .padStart(
          7,
        )} renewals/s   ${perSecond(baseline.invoiced, baselineMs).toFixed(0)} invoiced periods/s   (${baseline.invoices} invoices, in ${(baselineMs / 1000).toFixed(1)} s)`,
    );
    bench.ratio(perSecond(summary.renewed + summary.invoiced, cabinet.ms) / perSecond(baseline.renewed + baseline.invoiced, baselineMs));
  }
} finally {
  for (const database of databases) await database.drop();
}
