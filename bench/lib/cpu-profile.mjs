// Reading a V8 CPU profile (.cpuprofile, as `node --cpu-prof` or the inspector writes it) without
// DevTools: the share of samples spent in each package or file and in each function (self time).
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url).href;

/** Where a frame's code lives: the npm package, the repository file, or V8's own name ((idle), (garbage collector)). */
function placeOf(url, functionName) {
  if (!url) return functionName;
  const inPackage = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  return url.startsWith(root) ? url.slice(root.length) : url;
}

/** The `top` heaviest packages/files and functions by self time, as printable lines. */
export function summariseCpuProfile(file, top = 25) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPlace = new Map();
  const byFunction = new Map();
  const add = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const id of profile.samples) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const place = placeOf(url, functionName);
    add(byPlace, place);
    add(byFunction, url ? `${functionName || "(anonymous)"} ${place}:${lineNumber + 1}` : place);
  }
  const total = profile.samples.length;
  const lines = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${key}`);
  return [`${file}: ${total} samples`, "self time by package or file:", ...lines(byPlace), "self time by function:", ...lines(byFunction)].join("\n");
}
