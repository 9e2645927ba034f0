// What every benchmark prints first: how busy the machine is. Ratios measured on a machine
// that other work keeps busy say little; the benchmarks still run, and say so.
import { cpus, loadavg } from "node:os";

/** The 1-minute load average, the core count, and whether the machine looks busy (load ≥ half the cores). */
export function machineLoad() {
  const [one, five] = loadavg();
  const cores = cpus().length;
  return { one, five, cores, busy: one >= cores / 2 };
}

/** Prints the load line; returns the reading. */
export function sayMachineLoad(say = (line) => process.stdout.write(`${line}\n`)) {
  const load = machineLoad();
  say(`load average ${load.one.toFixed(2)} (1 min), ${load.five.toFixed(2)} (5 min) on ${load.cores} cores${load.busy ? " — the machine is BUSY: figures below are not comparable with a quiet run" : ""}`);
  return load;
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(values) {
  return percentile(values, 50);
}
