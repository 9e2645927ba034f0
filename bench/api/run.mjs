// bench:api — GET /api/v1/services for a signed-in client with 20 services, on MariaDB:
// Cabinet against a hand-written node:http + mysql2 handler, both in one child process,
// loaded in turn by autocannon from this process.
//
// Equal work: the baseline runs Cabinet's own queries (the session joined with its user and
// account, the last-seen touch at most once a minute, the services page plus one), keeps
// products in the same 30 s in-process cache, and answers the same JSON, byte for byte —
// checked before any timing (the run stops if they differ). Same connections, same duration.
// The ratio is Cabinet's request total ÷ the baseline's over the same wall time, per round;
// rounds alternate the two sides (BENCH_ROUNDS, default 3, each side BENCH_SECONDS, default 5),
// and the median of the rounds' ratios is the result. The load average is printed first; on
// a busy machine the ratio is printed with a warning that it is not comparable.
// Last line: ratio=X.XX (target ≥ 0.9).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { ensureMariaDb } from "../../scripts/lib/prepare.mjs";
import { median, sayMachineLoad } from "../lib/machine.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const load = sayMachineLoad();
const mysqlUrl = await ensureMariaDb();
console.log(`bench:api — Cabinet and the baseline on MariaDB (${rounds} rounds of ${seconds} s a side, ${connections} connections)`);
const child = fork(fileURLToPath(new URL("./servers.mjs", import.meta.url)), [mysqlUrl], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const ready = await new Promise((resolve, reject) => {
  child.once("message", resolve);
  child.once("exit", (code) => reject(new Error(`servers exited with ${code}`)));
});

try {
  // The same bytes, or no comparison.
  const answer = async (url) => {
    const response = await fetch(`${url}/api/v1/services`, { headers: { authorization: `Bearer ${ready.token}` } });
    return { status: response.status, body: await response.text() };
  };
  const [cabinetAnswer, baselineAnswer] = [await answer(ready.cabinetUrl), await answer(ready.baselineUrl)];
  if (cabinetAnswer.status !== 200 || cabinetAnswer.body !== baselineAnswer.body) {
    console.log(`cabinet  ${cabinetAnswer.status} ${cabinetAnswer.body.slice(0, 400)}`);
    console.log(`baseline ${baselineAnswer.status} ${baselineAnswer.body.slice(0, 400)}`);
    throw new Error("Cabinet and the baseline do not answer the same bytes: the comparison would not be of equal work");
  }
  console.log(`both answer the same ${cabinetAnswer.body.length} bytes`);

  async function hit(name, url, duration) {
    const result = await autocannon({ url: `${url}/api/v1/services`, headers: { authorization: `Bearer ${ready.token}` }, connections, duration });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    // Requests over the wall time autocannon actually ran (not its per-second averages).
    return { total: result.requests.total, seconds: result.duration, rate: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
  }

  console.log("warming up both (2 s each)…");
  await hit("cabinet", ready.cabinetUrl, 2);
  await hit("baseline", ready.baselineUrl, 2);
  const ratios = [];
  for (let round = 1; round <= rounds; round++) {
    // Alternate which side goes first, so neither always gets the cooler machine.
    const order = round % 2 === 1 ? ["cabinet", "baseline"] : ["baseline", "cabinet"];
    const r = {};
    for (const name of order) r[name] = await hit(name, name === "cabinet" ? ready.cabinetUrl : ready.baselineUrl, seconds);
    const ratio = r.cabinet.rate / r.baseline.rate;
    ratios.push(ratio);
    const line = (name) => `${name} ${r[name].rate.toFixed(0)} req/s (${r[name].total} in ${r[name].seconds.toFixed(1)} s, p50 ${r[name].p50} ms, p99 ${r[name].p99} ms)`;
    console.log(`round ${round}: ${line("cabinet")} | ${line("baseline")} | ratio ${ratio.toFixed(2)}`);
  }
  console.log(`median of ${rounds} rounds: ${median(ratios).toFixed(2)}${load.busy ? " — the machine was busy: NOT a comparable figure" : ""}`);
  console.log(`ratio=${median(ratios).toFixed(2)}`);
} finally {
  child.send("stop");
}
