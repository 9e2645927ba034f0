// bench:documents — 200 invoices through Cabinet's whole document path: each invoice is issued
// (gap-free number, VAT, its own transaction), its `invoice.issued` event issues the invoice
// document from the shipped Handlebars template, the job queue renders it with the
// documents-chromium plugin (default pool) and the file store keeps the PDF. Against it, in the
// same run: a bare playwright-core loop (one browser, one page, setContent + pdf one after the
// other) over exactly the HTML Cabinet stored. Each side warms up first.
//
// Equal work: the same documents (the baseline prints exactly the HTML Cabinet stored) at the
// same concurrency — BENCH_CONCURRENCY pages at once on both sides (default 2: Cabinet's pool
// of 2 pages against the bare loop with 2 pages, each taking the next document when free; set
// 1 to compare one page with one page). Cabinet's time also covers what it must do besides
// printing (issuing each invoice, the template, the queue, storing each PDF). Memory: each
// side's Chromium, its processes summed — peak RSS and the PSS at the end (PSS counts shared
// pages once; target ≤ 1.1× the baseline's). The load average is printed first; on a busy
// machine the last line is ratio=n/a unless --anyway is given (bench/lib/machine.mjs). One round
// a side (200 documents each): Cabinet's side first, each after its own warm-up.
// Last line: ratio=X.XX (Cabinet documents/s ÷ baseline documents/s; target ≥ 0.9).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCabinet } from "@cabinet/core";
import { chromium } from "playwright-core";
import { ensureChromium } from "../../scripts/lib/prepare.mjs";
import documentsChromium from "../../plugins/documents-chromium/dist/index.js";
import { chromiumArgs } from "../../plugins/documents-chromium/dist/browser-session.js";
import { SeedDemo } from "../../core/dist/seed/seed-demo.js";
import { SignUp } from "../../core/dist/modules/accounts/sign-up.js";
import { BrandDirectory } from "../../core/dist/modules/brands/brand-directory.js";
import { IssueInvoice } from "../../core/dist/modules/invoices/issue-invoice.js";
import { inTransaction } from "../../core/dist/db/transaction.js";
import { browserPids, samplePeaks } from "./process-memory.mjs";
import { mb, startBench } from "../lib/machine.mjs";

const count = Number(process.env.BENCH_DOCUMENTS ?? 200);
const warmUp = 6;
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 2);
const bench = startBench(
  `bench:documents — ${count} invoices through Cabinet (issue → template → queue → Chromium → file store) vs a bare playwright-core loop, ${concurrency} page(s) at once on each side`,
);

ensureChromium();
const workDir = mkdtempSync(join(tmpdir(), "cabinet-bench-documents-"));
const cabinet = await createCabinet(
  {
    env: "production",
    log: { level: "error" },
    database: { url: `sqlite:${join(workDir, "bench.sqlite")}` },
    files: { dir: join(workDir, "files") },
    auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
    plugins: [{ name: "documents-chromium", options: { pages: concurrency } }],
  },
  { plugins: [documentsChromium] },
);
await cabinet.migrate();
await cabinet.container.resolve(SeedDemo).execute();
const brand = await cabinet.container.resolve(BrandDirectory).bySlug("demo");
const { account } = await cabinet.container
  .resolve(SignUp)
  .execute({
    brand,
    email: "bench@example.org",
    password: "bench password 1",
    name: "Bench Client",
    kind: "company",
    companyName: "Bench & Sons Ltd.",
    ip: "127.0.0.1",
    userAgent: "bench",
  });

const issueInvoice = (i) =>
  inTransaction(cabinet.db, (trx) =>
    cabinet.container.resolve(IssueInvoice).execute(trx, {
      brand,
      accountId: account.id,
      currency: "USD",
      purpose: "renewal",
      lines: Array.from({ length: 5 + (i % 6) }, (_, n) => ({
        description: `Cloud VPS node-${i}-${n}, 1 month`,
        quantity: 1 + (n % 3),
        unitAmount: 900 + ((i * 37 + n * 101) % 9000),
        serviceId: null,
      })),
    }),
  );

async function waitForDocuments(expected, onProgress) {
  for (;;) {
    const rows = await cabinet.db("documents").where({ account_id: account.id, kind: "invoice" }).select("status");
    const ready = rows.filter((r) => r.status === "ready").length;
    const failed = rows.filter((r) => r.status === "failed").length;
    if (failed) throw new Error(`${failed} documents failed to render`);
    onProgress(ready);
    if (ready >= expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

console.log(`warming up Cabinet (${warmUp} invoices)…`);
for (let i = 0; i < warmUp; i++) await issueInvoice(i);
await waitForDocuments(warmUp, () => {});
const [cabinetBrowser] = browserPids();

console.log(`issuing ${count} invoices with Cabinet…`);
let sampler = samplePeaks(cabinetBrowser);
let started = performance.now();
let reported = 0;
for (let i = 0; i < count; i++) await issueInvoice(warmUp + i);
await waitForDocuments(warmUp + count, (ready) => {
  const done = ready - warmUp;
  if (done >= reported + 50 || done === count) {
    reported = done;
    console.log(`  cabinet   ${String(done).padStart(4)}/${count} PDFs stored  ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
});
const cabinetSeconds = (performance.now() - started) / 1000;
const cabinetPeak = sampler.stop();

// The baseline prints exactly the HTML Cabinet stored for those documents.
const htmls = (await cabinet.db("documents").where({ account_id: account.id, kind: "invoice" }).orderBy("id").select("html")).map((r) => r.html).slice(warmUp);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...chromiumArgs] });
const baselineBrowser = browserPids().find((pid) => pid !== cabinetBrowser);
const pages = await Promise.all(Array.from({ length: concurrency }, () => browser.newPage()));
const print = async (page, html) => {
  await page.setContent(html, { waitUntil: "load" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  if (pdf.subarray(0, 5).toString() !== "%PDF-") throw new Error("baseline: not a PDF");
};
/** `concurrency` pages, each printing the next document of the list when it is free. */
async function printAll(list, onDone = () => {}) {
  let next = 0;
  let done = 0;
  await Promise.all(
    pages.map(async (page) => {
      while (next < list.length) {
        const html = list[next++];
        await print(page, html);
        onDone(++done);
      }
    }),
  );
}
console.log(`warming up the bare loop (${warmUp} documents)…`);
await printAll(htmls.slice(0, warmUp));
console.log(`printing the same ${htmls.length} documents with the bare loop…`);
sampler = samplePeaks(baselineBrowser);
started = performance.now();
await printAll(htmls, (done) => {
  if (done % 50 === 0 || done === htmls.length)
    console.log(`  baseline  ${String(done).padStart(4)}/${htmls.length}  ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
const baselineSeconds = (performance.now() - started) / 1000;
const baselinePeak = sampler.stop();

await browser.close();
await cabinet.stop();
rmSync(workDir, { recursive: true, force: true });

const line = (name, seconds, peak) =>
  console.log(
    `${name.padEnd(9)} ${(count / seconds).toFixed(1).padStart(6)} docs/s  ${seconds.toFixed(2)} s  peak RSS: node ${mb(peak.node)}, chromium ${mb(peak.browser)} (PSS at the end ${mb(peak.browserPss)})`,
  );
line("cabinet", cabinetSeconds, cabinetPeak);
line("baseline", baselineSeconds, baselinePeak);
console.log(
  "(node: this whole process; chromium: that side's browser, its processes summed. Cabinet's time includes issuing each invoice and storing each PDF.)",
);
console.log(`chromium PSS at the end: cabinet ÷ baseline = ${(cabinetPeak.browserPss / baselinePeak.browserPss).toFixed(2)} (target ≤ 1.10)`);
bench.ratio(baselineSeconds / cabinetSeconds);
