import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CabinetError } from "@cabinet/core";
import { ChromiumRenderer, type RendererLog } from "../src/index.js";
import { browserPids, chromiumProcesses, isAlive, waitUntil } from "./chromium-processes.js";

function invoiceHtml(number: string, extra = ""): string {
  const lines = [
    ["VPS S — 2 vCPU, 4 GB", "1", "9.90"],
    ["Domain example.org (1 year)", "1", "12.00"],
    ["Extra IPv4 address", "2", "4.00"],
  ];
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { font-family: sans-serif; margin: 24mm; } table { width: 100%; border-collapse: collapse; }
    td, th { border-bottom: 1px solid #ccc; padding: 4px; } .total { background: #eee; font-weight: bold; }
  </style></head><body>
    <h1>Invoice ${number}</h1><p>Acme Hosting Ltd, 1 Rack Street, Dublin</p>
    <table><tr><th>Item</th><th>Qty</th><th>Amount</th></tr>
    ${lines.map(([item, qty, amount]) => `<tr><td>${item}</td><td>${qty}</td><td>EUR ${amount}</td></tr>`).join("")}
    <tr class="total"><td>Total</td><td></td><td>EUR 29.90</td></tr></table>${extra}
  </body></html>`;
}

function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString();
}

/** Collects the renderer's log lines, to see what it reported. */
function journal(): RendererLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (_, message) => void lines.push(message), warn: (_, message) => void lines.push(message) };
}

/** ~10,000 table rows: several seconds of layout and printing, far beyond the timeouts below. */
const hugeHtml = `<table>${Array.from({ length: 10_000 }, (_, i) => `<tr><td>Line ${i}</td><td>EUR ${i}.00</td></tr>`).join("")}</table>`;

const render = (renderer: ChromiumRenderer, number: string, timeoutMs = 20_000) =>
  renderer.renderPdf({ documentId: `doc_${number}`, html: invoiceHtml(number), timeoutMs });

let renderers: ChromiumRenderer[] = [];
function renderer(...args: ConstructorParameters<typeof ChromiumRenderer>): ChromiumRenderer {
  const made = new ChromiumRenderer(...args);
  renderers.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(renderers.map((r) => r.close()));
  renderers = [];
});

describe("ChromiumRenderer", () => {
  it("prints an invoice to an A4 PDF holding the invoice's text", async () => {
    const pdf = await render(renderer(), "INV-2025-0042");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const expected of ["Invoice INV-2025-0042", "Acme Hosting Ltd", "Domain example.org (1 year)", "EUR 29.90"]) {
      expect(text).toContain(expected);
    }
  });

  it("runs no script and loads nothing a document points at (network or local files), except data: URLs", async () => {
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(req.url ?? "");
      res.end("body::after { content: 'FETCHED' }");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const html = invoiceHtml(
        "INV-7",
        `<link rel="stylesheet" href="${origin}/style.css"><img src="${origin}/logo.png"><iframe src="${origin}/frame"></iframe>
         <style>@import url("${origin}/import.css");</style><iframe src="file:///etc/passwd"></iframe>
         <p style="background: url('data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7')">inline image allowed</p>
         <script>document.body.append("SCRIPT RAN")</script>`,
      );
      const text = pdfText(await renderer().renderPdf({ documentId: "doc_7", html, timeoutMs: 20_000 }));
      expect(text).toContain("Invoice INV-7");
      expect(text).toContain("inline image allowed");
      expect(text).not.toContain("SCRIPT RAN");
      expect(text).not.toContain("FETCHED");
      expect(text).not.toContain("root:");
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });

  it("prints 10 documents sent at once on 2 pages, each with its own content", async () => {
    const pool = renderer({ pages: 2 });
    const numbers = Array.from({ length: 10 }, (_, i) => `INV-${1000 + i}`);
    const pdfs = await Promise.all(numbers.map((n) => render(pool, n)));
    pdfs.forEach((pdf, i) => expect(pdfText(pdf)).toContain(`Invoice ${numbers[i]}`));
  });

  it("refuses a document at once when the queue is full, and prints the ones it accepted in order", async () => {
    const small = renderer({ pages: 1, queueLimit: 2 });
    // One prints, two wait: the fourth is one too many.
    const finished: string[] = [];
    const results = await Promise.allSettled(["A", "B", "C", "D"].map((n) => render(small, n).finally(() => finished.push(n))));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    // Refused before anything printed; the rest in the order they came.
    expect(finished).toEqual(["D", "A", "B", "C"]);
    const refusal = (results[3] as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(CabinetError);
    expect(refusal).toMatchObject({ code: "CAB_ERR_UNAVAILABLE", status: 503, details: { reason: "renderer queue full", queueLimit: 2 } });
    expect(pdfText((results[2] as PromiseFulfilledResult<Buffer>).value)).toContain("Invoice C");
  });

  it("fails a document that overruns its time, replaces its page, and prints the next one", async () => {
    const log = journal();
    const pool = renderer({ pages: 1 }, log);
    await render(pool, "warm-up");
    const overrun = pool.renderPdf({ documentId: "doc_huge", html: hugeHtml, timeoutMs: 300 });
    const next = render(pool, "INV-after");
    await expect(overrun).rejects.toMatchObject({
      code: "CAB_ERR_UNAVAILABLE",
      details: { reason: "document render timed out", documentId: "doc_huge", timeoutMs: 300 },
    });
    // The reason and the limit show it failed on its time, not on some other fault; no
    // wall-clock assertion, which a loaded CI machine would make flaky.
    expect(pdfText(await next)).toContain("Invoice INV-after");
    expect(log.lines).toContain("document render timed out; its page was replaced");
    await expect(pool.renderPdf({ documentId: "doc_1ms", html: invoiceHtml("X"), timeoutMs: 1 })).rejects.toMatchObject({ details: { timeoutMs: 1 } });
    expect(pdfText(await render(pool, "INV-last"))).toContain("Invoice INV-last");
  });

  it("lets a request shorten the renderer's timeout, never lengthen it", async () => {
    const hurried = renderer({ pages: 1, timeoutMs: 300 });
    await expect(hurried.renderPdf({ documentId: "doc_huge", html: hugeHtml, timeoutMs: 20_000 })).rejects.toMatchObject({
      details: { reason: "document render timed out", timeoutMs: 300 },
    });
  });

  it("relaunches a killed browser and still prints every document of the batch", async () => {
    const log = journal();
    const pool = renderer({ pages: 2 }, log);
    await render(pool, "warm-up");
    const [first] = browserPids();
    expect(first).toBeGreaterThan(0);
    const before = chromiumProcesses().map((p) => p.pid);

    const numbers = Array.from({ length: 16 }, (_, i) => `INV-${2000 + i}`);
    const batch = numbers.map((n) => render(pool, n));
    // Kill it once the batch is under way: two documents printing, the rest queued.
    await batch[0];
    expect(pool.queued).toBeGreaterThan(0);
    process.kill(first, "SIGKILL");

    const pdfs = await Promise.all(batch);
    pdfs.forEach((pdf, i) => expect(pdfText(pdf)).toContain(`Invoice ${numbers[i]}`));
    expect(log.lines).toContain("chromium went away; relaunching it for the next document");
    // The documents on the two pages when it died were printed again, on the new browser.
    expect(log.lines.filter((line) => line === "document print failed; retrying it once").length).toBeGreaterThanOrEqual(1);
    expect(log.lines).not.toContain("document print failed");
    const now = browserPids();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(first);
    // The dead browser's helpers (zygotes, renderers) go with it rather than lingering.
    expect(await waitUntil(() => before.every((pid) => !isAlive(pid)))).toBe(true);
  });

  it("closes Chromium on close, refusing what was still queued and anything sent afterwards", async () => {
    const pool = renderer({ pages: 1 });
    await render(pool, "warm-up");
    const launched = chromiumProcesses().map((p) => p.pid);
    expect(launched.length).toBeGreaterThan(1);

    const printing = render(pool, "INV-printing");
    const queued = render(pool, "INV-queued").catch((error: unknown) => error);
    await pool.close();
    expect(pdfText(await printing)).toContain("Invoice INV-printing");
    expect(await queued).toMatchObject({ details: { reason: "renderer is shut down", documentId: "doc_INV-queued" } });
    await expect(render(pool, "INV-late")).rejects.toMatchObject({ code: "CAB_ERR_UNAVAILABLE", details: { reason: "renderer is shut down" } });
    expect(await waitUntil(() => launched.every((pid) => !isAlive(pid)))).toBe(true);
    expect(chromiumProcesses()).toEqual([]);
  });
});
