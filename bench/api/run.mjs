// bench:api — GET /api/v1/services for a signed-in client with 20 services, on MariaDB:
// Cabinet against a hand-written node:http + mysql2 handler doing the same queries, loaded
// in turn by autocannon from this process while both servers run in one child process.
// Last line: ratio=X.XX (Cabinet req/s ÷ baseline req/s).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { ensureMariaDb } from "../../scripts/lib/prepare.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const mysqlUrl = await ensureMariaDb();
console.log(`bench:api — starting Cabinet and the baseline on MariaDB (${seconds} s per run, ${connections} connections)`);
const child = fork(fileURLToPath(new URL("./servers.mjs", import.meta.url)), [mysqlUrl], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const ready = await new Promise((resolve, reject) => {
  child.once("message", resolve);
  child.once("exit", (code) => reject(new Error(`servers exited with ${code}`)));
});

async function load(name, url, duration) {
  const result = await autocannon({
    url: `${url}/api/v1/services`,
    headers: { authorization: `Bearer ${ready.token}` },
    connections,
    duration,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

console.log("warming up both (2 s each)…");
await load("cabinet", ready.cabinetUrl, 2);
await load("baseline", ready.baselineUrl, 2);
const results = {};
for (const [name, url] of [["cabinet", ready.cabinetUrl], ["baseline", ready.baselineUrl]]) {
  console.log(`loading ${name} for ${seconds} s…`);
  results[name] = await load(name, url, seconds);
}
child.send("stop");

for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(9)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms   (${r.total} requests)`);
}
console.log(`ratio=${(results.cabinet.rps / results.baseline.rps).toFixed(2)}`);
