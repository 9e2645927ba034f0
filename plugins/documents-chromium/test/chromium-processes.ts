import { readdirSync, readFileSync } from "node:fs";

interface ProcessEntry {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
}

function allProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // comm is in parentheses and may hold spaces: take everything up to the last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const [state, ppid] = stat.slice(close + 2).split(" ");
      entries.push({ pid: Number(name), ppid: Number(ppid), comm: stat.slice(stat.indexOf("(") + 1, close), state });
    } catch {
      // The process ended while we looked.
    }
  }
  return entries;
}

/** Live (not zombie) Chromium processes started by this test process, browsers and their helpers. */
export function chromiumProcesses(): ProcessEntry[] {
  const all = allProcesses().filter((p) => p.state !== "Z");
  const ours = new Set([process.pid]);
  const found: ProcessEntry[] = [];
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (ours.has(p.ppid) && !ours.has(p.pid)) {
        ours.add(p.pid);
        if (p.comm.startsWith("chromium")) found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** The browser processes themselves: Chromium started directly by this process. */
export function browserPids(): number[] {
  return chromiumProcesses()
    .filter((p) => p.ppid === process.pid)
    .map((p) => p.pid);
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

export async function waitUntil(check: () => boolean, ms = 5_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    if (check()) return true;
  }
  return check();
}
