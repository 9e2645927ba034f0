// bench:documents — 200 invoices printed to PDF by Cabinet's document renderer (the
// documents-chromium plugin loaded by a real core with its default options, every invoice
// submitted at once as a billing run queues them), against a bare playwright-core loop over
// the same 200 HTML strings (one browser, one page, setContent + pdf one after the other).
// Both run in this process, one after the other, after a warm-up each. A third run, for
// information only, gives Cabinet's renderer a single page, like the loop: what the queue,
// the timeouts and the locked-down context cost when parallelism is equal.
// Last line: ratio=X.XX (Cabinet documents/s ÷ baseline documents/s).
import { createCabinet, newId } from "@cabinet/core";
import { chromium } from "playwright-core";
import { ensureChromium } from "../../scripts/lib/prepare.mjs";
import documentsChromium, { ChromiumRenderer } from "../../plugins/documents-chromium/dist/index.js";
import { chromiumArgs } from "../../plugins/documents-chromium/dist/browser-session.js";
import { invoiceHtml } from "./invoice-html.mjs";
import { browserPids, samplePeaks } from "./process-memory.mjs";

const count = Number(process.env.BENCH_DOCUMENTS ?? 200);
const warmUp = 6;
const timeoutMs = 20_000;
const progressEvery = 50;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

ensureChromium();
const invoices = Array.from({ length: count }, (_, i) => invoiceHtml(i));
const averageKb = invoices.reduce((sum, html) => sum + html.length, 0) / count / 1024;
console.log(`bench:documents — ${count} one-page invoices (${averageKb.toFixed(1)} KB of HTML each), Cabinet's renderer vs a bare playwright-core loop`);

// Cabinet: the core loads the plugin from config; the renderer is what the core would call.
const cabinet = await createCabinet(
  { env: "production", log: { level: "warn" }, database: { url: "sqlite::memory:" }, plugins: [{ name: "documents-chromium", options: {} }] },
  { plugins: [documentsChromium] },
);
const renderer = cabinet.extensions.get("document-renderer", "chromium");
const render = (html) => renderer.renderPdf({ documentId: newId("doc"), html, timeoutMs });
const onePage = new ChromiumRenderer({ pages: 1 });
const renderOnOnePage = (html) => onePage.renderPdf({ documentId: newId("doc"), html, timeoutMs });

// The baseline: what a hand-written print script would do.
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...chromiumArgs] });
const page = await browser.newPage();
const print = async (html) => {
  await page.setContent(html, { waitUntil: "load" });
  return page.pdf({ format: "A4", printBackground: true });
};

console.log(`warming up the three (${warmUp} documents each)…`);
const [baselinePid] = browserPids();
await Promise.all(invoices.slice(0, warmUp).map(render));
const [cabinetPid] = browserPids().filter((pid) => pid !== baselinePid);
await Promise.all(invoices.slice(0, warmUp).map(renderOnOnePage));
const [onePagePid] = browserPids().filter((pid) => pid !== baselinePid && pid !== cabinetPid);
for (const html of invoices.slice(0, warmUp)) await print(html);
const browsers = { cabinet: cabinetPid, baseline: baselinePid, "cabinet, pages: 1": onePagePid };
if (Object.values(browsers).some((pid) => !pid)) throw new Error(`could not tell the three Chromium processes apart: ${JSON.stringify(browsers)}`);

function progress(name, started) {
  let done = 0;
  return (pdf) => {
    if (pdf.subarray(0, 5).toString() !== "%PDF-") throw new Error(`${name}: not a PDF`);
    done++;
    if (done % progressEvery === 0 || done === count) {
      console.log(`  ${name.padEnd(17)} ${String(done).padStart(4)}/${count}  ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    return pdf.length;
  };
}

async function measure(name, run) {
  const sampler = samplePeaks(browsers[name]);
  const started = performance.now();
  const bytes = await run(progress(name, started));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: count / seconds, bytes, peak: sampler.stop() };
}

console.log(`printing ${count} invoices with Cabinet (all submitted at once, default pool)…`);
const cabinetResult = await measure("cabinet", async (done) => {
  const sizes = await Promise.all(invoices.map((html) => render(html).then(done)));
  return sizes.reduce((a, b) => a + b, 0);
});

console.log(`printing ${count} invoices with the bare loop (one page, one after the other)…`);
const baselineResult = await measure("baseline", async (done) => {
  let bytes = 0;
  for (const html of invoices) bytes += done(await print(html));
  return bytes;
});

console.log(`for information: ${count} invoices with Cabinet's renderer on a single page…`);
const onePageResult = await measure("cabinet, pages: 1", async (done) => {
  const sizes = await Promise.all(invoices.map((html) => renderOnOnePage(html).then(done)));
  return sizes.reduce((a, b) => a + b, 0);
});

await browser.close();
await onePage.close();
await cabinet.stop();

const results = { cabinet: cabinetResult, baseline: baselineResult, "cabinet, pages: 1": onePageResult };
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(17)} ${r.perSecond.toFixed(1).padStart(6)} docs/s  ${r.seconds.toFixed(2)} s  ${(r.bytes / count / 1024).toFixed(0)} KB/PDF  ` +
      `peak RSS: node ${mb(r.peak.node)}, chromium ${mb(r.peak.browser)} (PSS at the end ${mb(r.peak.browserPss)})`,
  );
}
console.log("(node: this whole process, which drives all three; chromium: that side's browser, its processes summed — RSS counts shared pages once per process, PSS splits them)");
console.log(`ratio=${(cabinetResult.perSecond / baselineResult.perSecond).toFixed(2)}`);
