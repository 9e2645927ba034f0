// bench:widgets — what the widgets cost a provider's page: a host page with the services and
// billing widgets (<cab-services>, <cab-order>, <cab-balance>, <cab-invoices>, <cab-ledger>,
// <cab-payments>, <cab-documents>), signed in as the demo's client, opened cold (a new browser
// context each time: no cache) in Chromium against the built core.
//
// Printed: the loader's gzip size; the JS the page downloads before it is interactive (every
// widget defined and showing its data, the network quiet) — gzip, and on the wire; the
// main-thread time the widgets add (Chromium's performance metrics over CDP: ScriptDuration and
// TaskDuration, the median of BENCH_RUNS loads, minus the same page with no widget); the
// cumulative layout shift (CLS) and each widget path's API requests.
// Against it, in the same run: a minimal Lit component bundled by rollup with the widgets' own
// settings (node-resolve, esbuild, terser). Last line: ratio=X.XX (first-view JS, gzip ÷ the
// minimal Lit bundle, gzip). Targets: loader ≤ 10 KB gz, first view ≤ 45 KB gz, added main
// thread ≤ 100 ms, CLS 0.
/* global window, document, customElements -- the functions that run in the page */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createCabinet } from "@cabinet/core";
import { chromium } from "playwright-core";
import { rollup } from "rollup";
import { SeedDemo } from "../../core/dist/seed/seed-demo.js";
import widgetsBuild from "../../rollup.config.mjs";
import { ensureChromium, root } from "../../scripts/lib/prepare.mjs";
import { median, sayMachineLoad } from "../lib/machine.mjs";

const runs = Number(process.env.BENCH_RUNS ?? 5);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (seconds) => `${(seconds * 1000).toFixed(0)} ms`;
const widgetsDist = join(root, "widgets", "dist");
const say = (line) => process.stdout.write(`${line}\n`);

sayMachineLoad();
ensureChromium();
const workDir = mkdtempSync(join(tmpdir(), "cabinet-bench-widgets-"));

// ---- The baseline: a minimal Lit component, bundled now with the widgets' rollup settings.
say("baseline: bundling a minimal Lit component with the widgets' rollup settings…");
const litSource = join(root, "widgets", `.bench-minimal-lit-${process.pid}.ts`);
writeFileSync(
  litSource,
  `import { LitElement, css, html } from "lit";
import { customElement, property } from "lit/decorators.js";
@customElement("bench-hello")
export class BenchHello extends LitElement {
  static override styles = css\`:host { display: block; }\`;
  @property() name = "world";
  protected override render() { return html\`<p>Hello, \${this.name}!</p>\`; }
}
`,
);
let litGz;
try {
  const bundle = await rollup({
    input: litSource,
    // The widgets' own rollup plugins (resolve, esbuild, terser), not the ones that write dist/.
    plugins: widgetsBuild.plugins.filter((plugin) => !["clean-dist", "precompress"].includes(plugin.name)),
  });
  const { output } = await bundle.generate({ format: "es" });
  await bundle.close();
  const code = output
    .filter((o) => o.type === "chunk")
    .map((o) => o.code)
    .join("");
  litGz = gzipSync(code, { level: 9 }).length;
  say(`  minimal Lit component: ${kb(code.length)} raw, ${kb(litGz)} gzip`);
} finally {
  rmSync(litSource, { force: true });
}

// ---- The core, seeded with the demo, serving the built widgets and two host pages.
const pages = join(workDir, "site");
mkdirSync(pages);
// The widgets' page keeps the room its widgets take, as docs/embedding.md tells a provider
// ("Keep the page still while the widgets load"): every widget a block from the first paint,
// and the first screen's widget (the services list) given the height it takes on this page
// (the demo client's five services), so nothing on screen moves when the widgets arrive.
const reserve = `<style>
cab-config, cab-services, cab-order, cab-balance, cab-invoices, cab-ledger, cab-payments, cab-documents { display: block; }
cab-services { min-height: 56rem; }
</style>`;
const shell = (body, script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title>
<meta name="viewport" content="width=device-width, initial-scale=1">${script ? '\n<script type="module" src="/widgets/cabinet.js"></script>' : ""}
<style>body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem; }</style>${script ? `\n${reserve}` : ""}
</head><body><header><h1>Acme Hosting</h1></header><main>${body}</main></body></html>`;
const widgets = `
<cab-config locale="en"></cab-config>
<section><h2>Services</h2><cab-services page-size="10"></cab-services><cab-order></cab-order></section>
<section><h2>Billing</h2><cab-balance></cab-balance><cab-invoices page-size="10"></cab-invoices>
<cab-ledger page-size="20" months="12"></cab-ledger><cab-payments page-size="10"></cab-payments><cab-documents page-size="10"></cab-documents></section>`;
const tags = ["cab-config", "cab-services", "cab-order", "cab-balance", "cab-invoices", "cab-ledger", "cab-payments", "cab-documents"];
writeFileSync(join(pages, "widgets.html"), shell(widgets, true));
writeFileSync(join(pages, "empty.html"), shell("<section><h2>Services</h2></section><section><h2>Billing</h2></section>", false));

const cabinet = await createCabinet(
  {
    env: "production",
    log: { level: "error" },
    database: { url: `sqlite:${join(workDir, "bench.sqlite")}` },
    files: { dir: join(workDir, "files") },
    auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
    http: { port: 0 },
  },
  {
    staticDirs: [
      { prefix: "/widgets", dir: widgetsDist },
      { prefix: "/site", dir: pages },
    ],
  },
);
await cabinet.migrate();
const url = await cabinet.start();
const origin = new URL(url).origin;
await cabinet.container.resolve(SeedDemo).execute(() => {}, { allowedOrigins: [origin] });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

// Signed in once (the demo's client), the cookie handed to every cold context.
const signInContext = await browser.newContext({ baseURL: url });
const signedIn = await signInContext.request.post("/api/v1/auth/sign-in", { data: { email: "alice@example.com", password: "northwind-demo", mode: "cookie" } });
if (signedIn.status() !== 200) throw new Error(`sign-in: HTTP ${signedIn.status()} ${await signedIn.text()}`);
const storageState = await signInContext.storageState();
await signInContext.close();

/** Layout shifts, summed as CLS counts them (not those right after input). */
const clsObserver = () => {
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
};

async function load(path, withWidgets) {
  const context = await browser.newContext({ baseURL: url, storageState, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(clsObserver);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  await cdp.send("Network.enable");
  const scripts = new Map(); // requestId → { url }
  const bytes = new Map(); // url → bytes on the wire
  let interactive = false;
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") scripts.set(e.requestId, e.response.url);
  });
  cdp.on("Network.loadingFinished", (e) => {
    const scriptUrl = scripts.get(e.requestId);
    if (scriptUrl && !interactive) bytes.set(scriptUrl, e.encodedDataLength);
  });
  const api = new Map();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/api/v1/")) api.set(u.pathname, (api.get(u.pathname) ?? 0) + 1);
  });
  const metric = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const before = await metric();
  await page.goto(path, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  interactive = true;
  const after = await metric();
  // Interactive: every widget defined and past its loading state, the balance and the catalog
  // shown — checked once the network is quiet (every answer in), and after the metrics are read:
  // waiting for it with Playwright's polls would run the harness's scripts in the page, and its
  // main-thread time (about 29 ms) would count as the widgets'. The empty page is read the same way.
  if (withWidgets) {
    const missing = await page.evaluate((names) => {
      const text = (tag) => document.querySelector(tag)?.shadowRoot?.textContent ?? "";
      const orderButton = [...(document.querySelector("cab-order")?.shadowRoot?.querySelectorAll("button") ?? [])].some((b) => /order/i.test(b.textContent));
      return [
        ...names.filter((t) => !customElements.get(t)),
        ...(text("cab-balance").includes("Available to spend") ? [] : ["the balance"]),
        ...(orderButton ? [] : ["the order button"]),
      ];
    }, tags);
    if (missing.length) throw new Error(`not interactive once the network was quiet: ${missing.join(", ")}`);
  }
  const cls = await page.evaluate(() => window.__cls);
  await context.close();
  return {
    script: after.ScriptDuration - before.ScriptDuration,
    task: after.TaskDuration - before.TaskDuration,
    cls,
    bytes,
    api,
  };
}

say(`loading the page cold ${runs} times, and the empty page as many…`);
const empty = [];
const full = [];
await load("/site/empty.html", false); // warm the browser itself
for (let i = 0; i < runs; i++) {
  empty.push(await load("/site/empty.html", false));
  full.push(await load("/site/widgets.html", true));
}
await browser.close();
await cabinet.stop();
rmSync(workDir, { recursive: true, force: true });

// ---- Figures.
const loaderGz = statSync(join(widgetsDist, "cabinet.js.gz")).size;
const lastRun = full.at(-1);
const fileOf = (u) => join(widgetsDist, new URL(u).pathname.replace(/^\/widgets\//, ""));
const downloaded = [...lastRun.bytes].filter(([u]) => new URL(u).pathname.startsWith("/widgets/"));
const wire = downloaded.reduce((sum, [, b]) => sum + b, 0);
const gz = downloaded.reduce((sum, [u]) => sum + statSync(fileOf(u) + ".gz").size, 0);
const raw = downloaded.reduce((sum, [u]) => sum + readFileSync(fileOf(u)).length, 0);
const addedScript = median(full.map((r) => r.script)) - median(empty.map((r) => r.script));
const addedTask = median(full.map((r) => r.task)) - median(empty.map((r) => r.task));
const cls = Math.max(...full.map((r) => r.cls));

say("");
say(`JS files before interactive (${downloaded.length}):`);
for (const [u] of downloaded.sort()) say(`  ${new URL(u).pathname.padEnd(56)} ${kb(statSync(fileOf(u) + ".gz").size).padStart(8)} gz`);
say(`API requests on load: ${[...lastRun.api].map(([p, n]) => `${p.replace("/api/v1", "")}${n > 1 ? ` ×${n}` : ""}`).join(", ")}`);
say("");
say(`loader (cabinet.js)            ${kb(loaderGz)} gzip                     target ≤ 10 KB`);
// Chromium asks for brotli over HTTPS only: over this plain-http run it is sent gzip.
say(`JS before interactive          ${kb(gz)} gzip (${kb(wire)} on the wire with headers, ${kb(raw)} raw)   target ≤ 45 KB gz`);
say(`main thread added              script ${ms(addedScript)}, tasks ${ms(addedTask)} (median of ${runs}, vs the empty page)   target ≤ 100 ms`);
say(`CLS                            ${cls.toFixed(4)} (worst of ${runs})   target 0`);
say(`minimal Lit component          ${kb(litGz)} gzip`);
say(`ratio=${(gz / litGz).toFixed(2)}`);
