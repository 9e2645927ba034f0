// What a request costs in CPU, and where it goes: the servers of bench:api (servers.mjs), each
// loaded alone by autocannon with a fixed number of requests (PROFILE_REQUESTS, default 4,000, at
// 10 connections) for PROFILE_ROUNDS rounds (default 3), printing the server process's CPU time per
// request (process.cpuUsage around the side's turn) and its median. CPU per request moves far less
// with the machine's load than req/s does: the figure to compare before and after a change.
// `--profile=<file.cpuprofile>` also records a V8 CPU profile of Cabinet's last round (the inspector
// adds its own cost to that round) and prints its self time by package and by function.
// Not a ratio and no target: bench:api is the benchmark; this is the tool for finding its gap.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { median, say, sayMachineLoad } from "../lib/machine.mjs";
import { summariseCpuProfile } from "../lib/cpu-profile.mjs";

const requests = Number(process.env.PROFILE_REQUESTS ?? 4000);
const rounds = Number(process.env.PROFILE_ROUNDS ?? 3);
const profileTo = process.argv.find((a) => a.startsWith("--profile="))?.slice("--profile=".length);

sayMachineLoad();
const child = fork(fileURLToPath(new URL("./servers.mjs", import.meta.url)), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
const ready = await new Promise((resolve, reject) => {
  child.once("message", resolve);
  child.once("exit", (code) => reject(new Error(`servers exited with ${code}`)));
});
const urls = { cabinet: ready.cabinetUrl, baseline: ready.baselineUrl };
const ask = (message, answered) =>
  new Promise((resolve) => {
    const listen = (reply) => {
      if (!answered(reply)) return;
      child.off("message", listen);
      resolve(reply);
    };
    child.on("message", listen);
    child.send(message);
  });
const cpu = async () => (await ask("cpu", (m) => m?.cpu !== undefined)).cpu;

/** Loads one side with `amount` requests: the server's CPU time per request (µs). */
async function hit(name, amount) {
  const before = await cpu();
  const result = await autocannon({ url: `${urls[name]}/api/v1/services`, headers: { authorization: `Bearer ${ready.token}` }, connections: 10, amount });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return ((await cpu()) - before) / result.requests.total;
}

try {
  for (const name of ["cabinet", "baseline"]) await hit(name, 1000); // warm-up
  const perRequest = { cabinet: [], baseline: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const name of ["cabinet", "baseline"]) {
      const profiled = profileTo && name === "cabinet" && round === rounds;
      if (profiled) await ask("profile-start", (m) => m?.profiling === true);
      const us = await hit(name, requests);
      if (profiled) await ask({ profileTo }, (m) => m?.profiling === false);
      perRequest[name].push(us);
      say(`round ${round}: ${name.padEnd(8)} ${(us / 1000).toFixed(3)} ms CPU a request${profiled ? " (profiled)" : ""}`);
    }
  }
  for (const name of ["cabinet", "baseline"]) say(`${name.padEnd(8)} median ${(median(perRequest[name]) / 1000).toFixed(3)} ms CPU a request`);
  if (profileTo) say(summariseCpuProfile(profileTo));
} finally {
  child.send("stop");
}
