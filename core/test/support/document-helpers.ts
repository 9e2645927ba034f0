import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import chromiumPlugin from "../../../plugins/documents-chromium/src/index.js";
import { inTransaction } from "../../src/db/transaction.js";
import { definePlugin, type DocumentRenderer, type PluginDefinition } from "../../src/index.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { startTestCabinet, type TestCabinet } from "./test-cabinet.js";

/** A test cabinet that prints its documents with Chromium (the documents-chromium plugin) into a files folder of its own, which `close` removes. */
export async function startPrintingCabinet(): Promise<TestCabinet> {
  const filesDir = mkdtempSync(join(tmpdir(), "cabinet-print-"));
  const t = await startTestCabinet({
    // The plugin is typed against the core's public entry as built; at run time it is this core.
    plugins: [chromiumPlugin as unknown as PluginDefinition],
    config: { plugins: [{ name: "documents-chromium", options: {} }], files: { dir: filesDir } },
  });
  const close = t.close.bind(t);
  t.close = async () => {
    await close();
    rmSync(filesDir, { recursive: true, force: true });
  };
  return t;
}

/** The text of a document's PDF, once printed (as pdftotext -layout reads it); a document that did not print fails the test with its reason. */
export async function printedText(t: TestCabinet, token: string, documentId: string): Promise<string> {
  const doc = await settled(t, token, documentId);
  expect(doc.status, doc.failureReason ?? "").toBe("ready");
  const pdf = await download(t, `/api/v1/documents/${documentId}/pdf`, token);
  expect(pdf.status).toBe(200);
  return pdfText(pdf.body);
}

/** Issues an invoice of the demo brand as an order would, in its own transaction. */
export async function issueInvoice(t: TestCabinet, accountId: string, amounts: number[]) {
  const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
  return inTransaction(t.cabinet.db, (trx) =>
    t.cabinet.container.resolve(IssueInvoice).execute(trx, {
      brand,
      accountId,
      currency: "USD",
      purpose: "order",
      lines: amounts.map((unitAmount, i) => ({ description: `Line ${i + 1}`, quantity: 1, unitAmount, serviceId: null })),
    }),
  );
}

/** Polls `probe` until it answers something truthy, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the document has left `rendering`, and answers its view. */
export function settled(t: TestCabinet, token: string, documentId: string) {
  return waitFor(async () => {
    const response = await t.request("GET", `/api/v1/documents/${documentId}`, { token });
    return response.body.status !== "rendering" && response.body;
  }, `document ${documentId} to be printed`);
}

/** The text of a PDF, as pdftotext reads it. */
export function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString();
}

/** GET of a binary answer (the test client reads bodies as text). */
export async function download(t: TestCabinet, path: string, token: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** A `document-renderer` whose answer the test sets: it fails until told to print. */
export class ScriptedRenderer implements DocumentRenderer {
  readonly id = "scripted";
  calls = 0;
  /** Calls per document: the demo seed's own invoice document renders alongside a test's. */
  readonly callsFor = new Map<string, number>();
  failWith: Error | null = new Error("printer on fire");

  async renderPdf(request: { documentId: string }): Promise<Buffer> {
    this.calls++;
    this.callsFor.set(request.documentId, (this.callsFor.get(request.documentId) ?? 0) + 1);
    if (this.failWith) throw this.failWith;
    return Buffer.from("%PDF-1.4\n% a test document\n%%EOF\n");
  }
}

export const scriptedRendererPlugin = (renderer: ScriptedRenderer) =>
  definePlugin({ name: "documents-scripted", version: "1.0.0", coreRange: "^0.1.0", register: ({ provide }) => provide("document-renderer", renderer) });
