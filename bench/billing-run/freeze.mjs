// bench:billing-freeze — does a billing run on the embedded default (SQLite) keep the server
// answering? One process serves Cabinet on a SQLite file and runs the billing run in-process,
// as `cabinet serve` does on its schedule; a client in a child process loads GET /api/v1/services
// at a steady rate (open loop, BENCH_RATE a second, default 20) before and during the run.
// Prints the client's p50/p99/max and the requests slower than 250 ms, idle and during the run,
// and the run's own renewals/s. Goal: p99 ≤ 250 ms, 0 requests past 250 ms. Last line:
// during-run=… (n/a on a busy machine unless --anyway is given, bench/lib/machine.mjs).
//
// Equal work: the same client, the same requests and the same server, measured idle (5 s
// before the run, after 2 s of warm-up) and while the run renews `--count` services (default 100,000; ten per
// account, every account with the money).
import "reflect-metadata";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { RunBilling } from "../../core/dist/modules/services/run-billing.js";
import { billingProgress } from "../../core/dist/cli/billing-progress.js";
import { percentile, say, startBench } from "../lib/machine.mjs";
import { addServices, benchCabinet, freshSqlite, signedInClient } from "../lib/cabinet.mjs";
import { addFleet, fleetDb } from "./fleet.mjs";

const countFlag = process.argv.indexOf("--count");
const count = Number(countFlag > 0 ? process.argv[countFlag + 1] : (process.env.BENCH_COUNT ?? 100_000));
const rate = Number(process.env.BENCH_RATE ?? 20);
const STALL_MS = 250;

const bench = startBench(`bench:billing-freeze — ${count.toLocaleString("en-US")} due services on SQLite, a client at ${rate} req/s`);
const database = freshSqlite("freeze");
// Served, as `cabinet serve` serves: the run below shares the process and its one connection with the requests.
const { cabinet, httpUrl: url } = await benchCabinet({ url: database.url, serve: true });
let client;
try {
  let started = performance.now();
  await addFleet(fleetDb.knex(cabinet.db), { count, paidUntil: Date.now() + 3_600_000 });
  say(`fleet written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The loading client: 20 services, none due.
  const signUp = await signedInClient(url, "freeze@example.org");
  await addServices(cabinet, signUp.accountId, 20);

  client = fork(fileURLToPath(new URL("./steady-client.mjs", import.meta.url)), [url, signUp.token, String(rate)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise((resolve) => client.once("message", resolve));
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // the client's and the server's warm-up, not counted
  const idleFrom = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const runFrom = Date.now();
  started = performance.now();
  const progress = billingProgress(process.stdout, { everyMs: 5_000 });
  const summary = await cabinet.container.resolve(RunBilling).execute({ onProgress: progress.update });
  const runMs = performance.now() - started;
  const runTo = Date.now();
  progress.finish(summary);
  client.send("stop");
  const { records } = await new Promise((resolve) => client.once("message", resolve));

  const window = (from, to) => records.filter(([at]) => at >= from && at < to);
  const describe = (name, rows) => {
    const latencies = rows.map(([, ms]) => ms);
    const failed = rows.filter(([, , status]) => status !== 200).length;
    const stalled = latencies.filter((ms) => ms > STALL_MS).length;
    say(
      `${name.padEnd(11)} ${String(rows.length).padStart(5)} requests   p50 ${percentile(latencies, 50).toFixed(0).padStart(4)} ms   p99 ${percentile(latencies, 99).toFixed(0).padStart(5)} ms   ` +
        `max ${Math.max(...latencies)
          .toFixed(0)
          .padStart(5)} ms   past ${STALL_MS} ms: ${stalled}   failed: ${failed}`,
    );
    return { p99: percentile(latencies, 99), stalled, failed };
  };
  say("");
  const idle = describe("idle", window(idleFrom, runFrom));
  const during = describe("during run", window(runFrom, runTo));
  say(
    `run         ${(summary.renewed / (runMs / 1000)).toFixed(0)} renewals/s (${summary.renewed.toLocaleString("en-US")} in ${(runMs / 1000).toFixed(1)} s, ${summary.batches} batches)`,
  );
  // On a loaded machine the idle figures miss the goal too: this says what the run itself adds.
  say(`p99 during the run ÷ idle: ${(during.p99 / idle.p99).toFixed(2)}`);
  say(`goal: p99 ≤ ${STALL_MS} ms and 0 requests past ${STALL_MS} ms during the run`);
  bench.result(
    "during-run",
    `p99 ${during.p99.toFixed(0)} ms, ${during.stalled} stalled, ${during.failed} failed, ${(summary.renewed / (runMs / 1000)).toFixed(0)} renewals/s`,
  );
} finally {
  if (client?.connected) client.kill();
  await cabinet.stop();
  await database.drop();
}
