// A client that loads GET /api/v1/services at a steady rate, in a process of its own (so the
// server's event loop cannot delay its clock). Open loop: a request leaves at its scheduled time
// whether or not the last one answered, and its latency counts from that time — a stalled
// server shows as latency, not as fewer requests. Sends back every request's
// [scheduled wall time, latency ms, HTTP status or 0] when told to stop.
const [url, token, rateText] = process.argv.slice(2);
const rate = Number(rateText);
const intervalMs = 1000 / rate;
const records = [];
const pending = new Set();
let stopped = false;

async function one(scheduledAt, startedAt) {
  let status = 0;
  try {
    const response = await fetch(`${url}/api/v1/services`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    status = response.status;
  } catch {
    status = 0;
  }
  records.push([scheduledAt, performance.now() - startedAt, status]);
}

const origin = performance.now();
const wallOrigin = Date.now();
let sent = 0;
function tick() {
  if (stopped) return;
  while (performance.now() >= origin + sent * intervalMs) {
    const scheduled = origin + sent * intervalMs;
    const p = one(wallOrigin + (scheduled - origin), scheduled);
    pending.add(p);
    p.finally(() => pending.delete(p));
    sent++;
  }
  setTimeout(tick, Math.max(0, origin + sent * intervalMs - performance.now()));
}
tick();
process.send?.("started");
process.on("message", async (message) => {
  if (message !== "stop") return;
  stopped = true;
  await Promise.all(pending);
  process.send({ records });
  process.disconnect();
});
