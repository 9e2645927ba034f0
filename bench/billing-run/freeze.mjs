// bench:billing-freeze — does a billing run on the embedded default (SQLite) keep the server
// answering? One process serves Cabinet on a SQLite file and runs the billing run in-process,
// as `cabinet serve` does on its schedule; a client in a child process loads GET /api/v1/services
// at a steady rate (open loop, BENCH_RATE a second, default 20) before and during the run.
// Prints the client's p50/p99/max and the requests slower than 250 ms, idle and during the run,
// and the run's own renewals/s. Goal: p99 ≤ 250 ms, 0 requests past 250 ms.
//
// Equal work: the same client, the same requests and the same server, measured idle (3 s
// before the run) and while the run renews `--count` services (default 100,000; ten per
// account, every account with the money).
import "reflect-metadata";
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCabinet, newId } from "@cabinet/core";
import { SeedDemo } from "../../core/dist/seed/seed-demo.js";
import { RunBilling } from "../../core/dist/modules/services/run-billing.js";
import { billingProgress } from "../../core/dist/cli/billing-progress.js";
import { percentile, sayMachineLoad } from "../lib/machine.mjs";
import { addFleet, fleetDb } from "./fleet.mjs";

const countFlag = process.argv.indexOf("--count");
const count = Number(countFlag > 0 ? process.argv[countFlag + 1] : (process.env.BENCH_COUNT ?? 100_000));
const rate = Number(process.env.BENCH_RATE ?? 20);
const say = (line) => process.stdout.write(`${line}\n`);
const STALL_MS = 250;

say(`bench:billing-freeze — ${count.toLocaleString("en-US")} due services on SQLite, a client at ${rate} req/s`);
sayMachineLoad(say);
const dir = mkdtempSync(join(tmpdir(), "cabinet-freeze-"));
const cabinet = await createCabinet({
  env: "production",
  log: { level: "fatal" },
  http: { host: "127.0.0.1", port: 0 },
  database: { url: `sqlite:${join(dir, "cabinet.sqlite")}` },
  auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
  billing: { intervalMinutes: 0 },
});
let client;
try {
  await cabinet.migrate();
  await cabinet.container.resolve(SeedDemo).execute();
  let started = performance.now();
  await addFleet(fleetDb.knex(cabinet.db), { count, paidUntil: Date.now() + 3_600_000 });
  say(`fleet written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const url = await cabinet.start();

  // The loading client: 20 services, none due.
  const signUp = await fetch(`${url}/api/v1/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "freeze@example.org", password: "bench password 1", name: "Freeze", mode: "bearer" }),
  }).then((r) => r.json());
  const product = await cabinet.db("products").where({ code: "vps" }).first();
  const now = Date.now();
  await cabinet.db("services").insert(
    Array.from({ length: 20 }, (_, i) => ({
      id: newId("svc", now + i), account_id: signUp.account.id, product_id: product.id, label: `node-${i}`, status: "active",
      parameters: JSON.stringify({ cpu: 2, ram: 4 }), price_amount: 1800, currency: "USD", period_months: 1,
      paid_until: now + 20 * 86_400_000, auto_renew: true, created_at: now + i, updated_at: now + i,
    })),
  );

  client = fork(fileURLToPath(new URL("./steady-client.mjs", import.meta.url)), [url, signUp.token, String(rate)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise((resolve) => client.once("message", resolve));
  const idleFrom = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
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
        `max ${Math.max(...latencies).toFixed(0).padStart(5)} ms   past ${STALL_MS} ms: ${stalled}   failed: ${failed}`,
    );
    return { p99: percentile(latencies, 99), stalled, failed };
  };
  say("");
  describe("idle", window(idleFrom, runFrom));
  const during = describe("during run", window(runFrom, runTo));
  say(`run         ${(summary.renewed / (runMs / 1000)).toFixed(0)} renewals/s (${summary.renewed.toLocaleString("en-US")} in ${(runMs / 1000).toFixed(1)} s, ${summary.batches} batches)`);
  say(`p99=${during.p99.toFixed(0)} stalled=${during.stalled} (goal: p99 ≤ ${STALL_MS} ms, 0 stalled)`);
  sayMachineLoad(say);
} finally {
  if (client?.connected) client.kill();
  await cabinet.stop();
  rmSync(dir, { recursive: true, force: true });
}
