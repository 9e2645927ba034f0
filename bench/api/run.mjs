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
// a busy machine the last line is ratio=n/a unless --anyway is given (bench/lib/machine.mjs).
// Each round also prints the servers' CPU time per request on each side (process.cpuUsage around
// the side's turn): a cost a busy machine changes less than it changes req/s.
// Last line: ratio=X.XX (target ≥ 0.9).
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { startBench } from "../lib/machine.mjs";
import { alternateRounds, assertSameBytes } from "../lib/compare.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const bench = startBench(`bench:api — Cabinet and the baseline on MariaDB (${rounds} rounds of ${seconds} s a side, ${connections} connections)`);
const child = fork(fileURLToPath(new URL("./servers.mjs", import.meta.url)), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const ready = await new Promise((resolve, reject) => {
  child.once("message", resolve);
  child.once("exit", (code) => reject(new Error(`servers exited with ${code}`)));
});
const urls = { cabinet: ready.cabinetUrl, baseline: ready.baselineUrl };

try {
  const answer = async (url) => {
    const response = await fetch(`${url}/api/v1/services`, { headers: { authorization: `Bearer ${ready.token}` } });
    return { status: response.status, body: await response.text() };
  };
  const bytes = assertSameBytes({ cabinet: await answer(urls.cabinet), baseline: await answer(urls.baseline) });
  console.log(`both answer the same ${bytes} bytes`);

  const cpuSoFar = () =>
    new Promise((resolve) => {
      const answer = (message) => {
        if (message?.cpu === undefined) return;
        child.off("message", answer);
        resolve(message.cpu);
      };
      child.on("message", answer);
      child.send("cpu");
    });

  async function hit(name, duration) {
    const cpuBefore = await cpuSoFar();
    const result = await autocannon({ url: `${urls[name]}/api/v1/services`, headers: { authorization: `Bearer ${ready.token}` }, connections, duration });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    // Requests over the wall time autocannon actually ran (not its per-second averages).
    const cpuPerRequest = (await cpuSoFar()) - cpuBefore;
    return {
      total: result.requests.total,
      seconds: result.duration,
      rate: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuUs: cpuPerRequest / result.requests.total,
    };
  }

  console.log("warming up both (2 s each)…");
  await hit("cabinet", 2);
  await hit("baseline", 2);
  const ratio = await alternateRounds({
    rounds,
    sides: ["cabinet", "baseline"],
    measure: (name) => hit(name, seconds),
    rate: (r) => r.rate,
    describe: (name, r) =>
      `${name} ${r.rate.toFixed(0)} req/s (${r.total} in ${r.seconds.toFixed(1)} s, p50 ${r.p50} ms, p99 ${r.p99} ms, CPU ${(r.cpuUs / 1000).toFixed(2)} ms/req)`,
  });
  bench.ratio(ratio);
} finally {
  child.send("stop");
}
