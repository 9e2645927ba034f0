// Memory of this process and of the Chromium processes it started, read from /proc (Linux).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const pageSize = Number(execFileSync("getconf", ["PAGESIZE"]).toString().trim()) || 4096;

function processes() {
  const all = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const [state, ppid] = stat.slice(close + 2).split(" ");
      if (state !== "Z") all.push({ pid: Number(name), ppid: Number(ppid), comm: stat.slice(stat.indexOf("(") + 1, close) });
    } catch {
      // ended while we looked
    }
  }
  return all;
}

/** The Chromium browsers this process launched (their main processes). */
export function browserPids() {
  return processes()
    .filter((p) => p.ppid === process.pid && p.comm.startsWith("chromium"))
    .map((p) => p.pid);
}

/** A browser's main process and every process below it (zygotes, renderers, GPU, network). */
function tree(rootPid, all) {
  const pids = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (pids.has(p.ppid) && !pids.has(p.pid)) {
        pids.add(p.pid);
        grew = true;
      }
    }
  }
  return [...pids];
}

/**
 * RSS of a browser's processes, summed, in bytes: cheap to read (statm), so it can be sampled
 * often. The sum overstates, since pages shared between processes (Chromium's binary, fonts)
 * count once per process.
 */
export function browserRss(rootPid) {
  return rssOf(tree(rootPid, processes()));
}

function rssOf(pids) {
  let rss = 0;
  for (const pid of pids) {
    try {
      rss += Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * pageSize;
    } catch {
      // ended while we looked
    }
  }
  return rss;
}

/**
 * PSS of a browser's processes, summed: shared pages split fairly between the processes that
 * map them, so this is what the browser really costs. Slow to read (tens of ms: the kernel
 * walks every mapping), so it is read once, not sampled.
 */
export function browserPss(rootPid) {
  let pss = 0;
  for (const pid of tree(rootPid, processes())) {
    try {
      pss += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // ended while we looked
    }
  }
  return pss;
}

/** Samples the peak RSS of this process and of one browser until stopped. */
export function samplePeaks(browserPid, everyMs = 100) {
  const peak = { node: 0, browser: 0 };
  // Listing /proc costs milliseconds, reading statm microseconds: find the browser's
  // processes once a second, read their memory every sample.
  let pids = [];
  let listed = 0;
  const sample = () => {
    if (performance.now() - listed > 1_000) {
      pids = tree(browserPid, processes());
      listed = performance.now();
    }
    peak.node = Math.max(peak.node, process.memoryUsage().rss);
    peak.browser = Math.max(peak.browser, rssOf(pids));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      listed = 0;
      sample();
      return { ...peak, browserPss: browserPss(browserPid) };
    },
  };
}
