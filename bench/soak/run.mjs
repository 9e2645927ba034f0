// bench:soak — BENCH_SECONDS (60) of mixed client traffic at a fixed rate (BENCH_RATE, 30 req/s,
// sent on schedule whether earlier answers came or not) against one node on MariaDB: lists,
// orders, top-ups, tickets. Prints the errors, p50/p99 of each half, and the node's RSS at the
// start and end. Last line: ratio=X.XX, the second half's p99 over the first's (target ≤ 1.2,
// with 0 errors and RSS growth ≤ 20%). The load average is printed first; on a busy machine the
// last line is ratio=n/a unless --anyway is given (bench/lib/machine.mjs).
//
// Equal work: the same mix at the same rate in both halves, against the same node.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Agent, request } from "node:http";
import { percentile, startBench } from "../lib/machine.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const rate = Number(process.env.BENCH_RATE ?? 30);
const clients = Number(process.env.BENCH_CLIENTS ?? 20);

const bench = startBench(`bench:soak — one node on MariaDB, ${clients} clients, ${rate} req/s for ${seconds} s`);
const child = fork(fileURLToPath(new URL("./server.mjs", import.meta.url)), [String(clients)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const ready = await new Promise((resolve, reject) => {
  child.once("message", resolve);
  child.once("exit", (code) => reject(new Error(`the node exited with ${code}`)));
});
const rss = () =>
  new Promise((resolve) => {
    child.once("message", (m) => resolve(m.rss));
    child.send("rss");
  });

// Idle sockets are dropped before the server's keep-alive time-out (5 s) can close one under a
// request just sent on it, which would count as an error that is the client's doing.
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 3000 });
let sequence = 0;
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const returnUrl = `${ready.url}/billing`;

/** The mix: what a client area's users do, reads first. */
const mix = [
  [30, (token) => ["GET", "/api/v1/services?limit=20", token]],
  [10, (token) => ["GET", "/api/v1/invoices", token]],
  [10, (token) => ["GET", "/api/v1/ledger", token]],
  [10, (token) => ["GET", "/api/v1/notifications", token]],
  [10, (token) => ["GET", "/api/v1/me", token]],
  [
    12,
    (token) => [
      "POST",
      "/api/v1/orders",
      token,
      { items: [{ productId: ready.productId, periodMonths: 1 }] },
      { "idempotency-key": `soak-${process.pid}-${++sequence}` },
    ],
  ],
  [10, (token) => ["POST", "/api/v1/payments", token, { gateway: "sandbox", amount: 1000, returnUrl }]],
  [
    8,
    (token) => [
      "POST",
      "/api/v1/tickets",
      token,
      { subject: `Soak ${++sequence}`, departmentId: ready.departmentId, priority: "normal", body: "Load test ticket." },
    ],
  ],
];
const weights = mix.reduce((sum, [w]) => sum + w, 0);
function nextRequest() {
  let roll = Math.random() * weights;
  for (const [weight, make] of mix) {
    if ((roll -= weight) < 0) return make(pick(ready.tokens));
  }
  return mix[0][1](pick(ready.tokens));
}

function send([method, path, token, body, headers = {}]) {
  const started = performance.now();
  const payload = body ? JSON.stringify(body) : undefined;
  return new Promise((resolve) => {
    const fail = (what) => resolve({ ms: performance.now() - started, error: `${method} ${path.split("?")[0]} ${what}` });
    const req = request(
      ready.url + path,
      { method, agent, headers: { authorization: `Bearer ${token}`, ...(payload ? { "content-type": "application/json" } : {}), ...headers } },
      (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => (res.statusCode < 400 ? resolve({ ms: performance.now() - started }) : fail(`${res.statusCode} ${text.slice(0, 120)}`)));
        res.on("error", (error) => fail(error.code ?? error.message));
      },
    );
    req.on("error", (error) => fail(error.code ?? error.message));
    req.end(payload);
  });
}

async function runFor(durationMs, record) {
  const inFlight = new Set();
  const start = performance.now();
  for (let i = 0; ; i++) {
    const due = start + (i * 1000) / rate;
    if (due - start >= durationMs) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const elapsed = performance.now() - start;
    const p = send(nextRequest()).then((result) => record?.(elapsed, result));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
}

console.log("warming up (5 s)…");
await runFor(5000);
const rssStart = await rss();
const halves = [[], []];
const errors = new Map();
console.log(`soaking for ${seconds} s…`);
await runFor(seconds * 1000, (elapsed, { ms, error }) => {
  halves[elapsed < (seconds * 1000) / 2 ? 0 : 1].push(ms);
  if (error) errors.set(error, (errors.get(error) ?? 0) + 1);
});
const rssEnd = await rss();
child.send("stop");
agent.destroy();

const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
for (const [error, count] of errors) console.log(`  error ×${count}: ${error}`);
console.log(`errors ${errorCount} of ${halves[0].length + halves[1].length} requests`);
for (const [i, half] of halves.entries()) {
  console.log(
    `half ${i + 1}: ${String(half.length).padStart(5)} requests   p50 ${percentile(half, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(half, 99).toFixed(1).padStart(7)} ms`,
  );
}
const mb = (bytes) => (bytes / 1048576).toFixed(1);
console.log(`rss start ${mb(rssStart)} MB   end ${mb(rssEnd)} MB   growth ${(((rssEnd - rssStart) / rssStart) * 100).toFixed(1)}%`);
bench.ratio(percentile(halves[1], 99) / percentile(halves[0], 99));
