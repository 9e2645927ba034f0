// What every benchmark does first and last: say how busy the machine is, and refuse to report a
// ratio measured on a busy one. A ratio taken while other work holds the cores says little, so
// when the load average at the start is at least half the core count the last line reads
// `ratio=n/a (machine busy: load X)`; `--anyway` (or BENCH_ANYWAY=1) reports it all the same,
// marked as taken on a busy machine. The figures above the last line are printed either way.
import { cpus, loadavg } from "node:os";

export const say = (line = "") => process.stdout.write(`${line}\n`);

/** Whether the ratio is reported on a busy machine too (`--anyway` or BENCH_ANYWAY=1). */
export const anyway = process.argv.includes("--anyway") || process.env.BENCH_ANYWAY === "1";

/** The 1- and 5-minute load averages, the core count, and whether the machine looks busy (load ≥ half the cores). */
export function machineLoad() {
  const [one, five] = loadavg();
  const cores = cpus().length;
  return { one, five, cores, busy: one >= cores / 2 };
}

const describeLoad = (load) => `load average ${load.one.toFixed(2)} (1 min), ${load.five.toFixed(2)} (5 min) on ${load.cores} cores`;

/** Prints the load line; returns the reading. */
export function sayMachineLoad(out = say) {
  const load = machineLoad();
  out(`${describeLoad(load)}${load.busy ? " — the machine is BUSY: figures below are not comparable with a quiet run" : ""}`);
  return load;
}

/**
 * A benchmark's start: its title, then the load average. Returns `ratio(value)` and, for a
 * result that is not one ratio, `result(name, figures)`: each prints the load at the end and the
 * last line — `ratio=X.XX` (or `name=figures`), or `ratio=n/a (machine busy…)` when the machine
 * was busy at the start and `--anyway` was not given.
 */
export function startBench(title) {
  say(title);
  const atStart = sayMachineLoad();
  const result = (name, figures) => {
    say(`at the end: ${describeLoad(machineLoad())}`);
    const busy = `machine busy: load ${atStart.one.toFixed(2)} at the start on ${atStart.cores} cores`;
    if (!atStart.busy) say(`${name}=${figures}`);
    else if (anyway) say(`${name}=${figures} (${busy}; reported because of --anyway, not comparable with a quiet run)`);
    else say(`${name}=n/a (${busy}; this run measured ${figures}; run with --anyway to report it)`);
  };
  return { load: atStart, result, ratio: (value, digits = 2) => result("ratio", Number.isFinite(value) ? value.toFixed(digits) : "n/a") };
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(values) {
  return percentile(values, 50);
}

export const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
