import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download, issueInvoice, ScriptedRenderer, scriptedRendererPlugin, settled, waitFor } from "../support/document-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// A core configured without a document renderer once queued render jobs that failed "for good"
// without a word. It starts (a provider may want HTML only), says so in its log, and shows
// each document as not_rendered; a renderer enabled later prints them when the core starts.
const dir = mkdtempSync(join(tmpdir(), "cabinet-no-renderer-"));
const sqliteFile = process.env.CABINET_TEST_DB === "mysql" ? undefined : `sqlite:${join(dir, "core.sqlite")}`;
let t: TestCabinet;
let stopped = false;
beforeAll(async () => {
  t = await startTestCabinet({ config: { files: { dir: join(dir, "files") }, ...(sqliteFile ? { database: { url: sqliteFile } } : {}) } });
});
afterAll(async () => {
  if (!stopped) await t.close(); // (on SQLite there is nothing to drop once it stopped)
  rmSync(dir, { recursive: true, force: true });
});

describe("a core without a document renderer", () => {
  it("says so in its log when it starts", () => {
    expect(t.logs).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringContaining("no document-renderer is enabled") }));
  });

  it("shows each document as not_rendered with the reason, answers its PDF with 409, and serves its HTML", async () => {
    const { token, accountId } = await t.signUp();
    await issueInvoice(t, accountId, [900]);
    const [doc] = await waitFor(async () => {
      const items = (await t.request("GET", "/api/v1/documents", { token })).body.items;
      return items.length > 0 && items;
    }, "the invoice's document");
    expect(doc).toMatchObject({ status: "not_rendered", failureReason: expect.stringContaining("no document renderer"), pdf: null });
    expect((await t.request("GET", `/api/v1/documents/${doc.id}`, { token })).body.status).toBe("not_rendered");
    const pdf = await t.request("GET", `/api/v1/documents/${doc.id}/pdf`, { token });
    expect(pdf.status).toBe(409);
    expect(pdf.body.error).toMatchObject({ code: "CAB_ERR_DOCUMENT_NOT_READY", details: { status: "not_rendered" } });
    expect((await t.request("GET", `/api/v1/documents/${doc.id}/html`, { token })).status).toBe(200);
    // Nothing was queued to fail: it stays as it is.
    expect((await t.cabinet.db("documents").where({ id: doc.id }).first()).status).toBe("not_rendered");
  });

  it.skipIf(!sqliteFile)("prints the documents left not_rendered once a renderer is enabled and the core starts again", async () => {
    const { token, accountId } = await t.signUp();
    await issueInvoice(t, accountId, [500]);
    const [doc] = await waitFor(async () => {
      const items = (await t.request("GET", "/api/v1/documents", { token })).body.items;
      return items.length > 0 && items;
    }, "the invoice's document");
    expect(doc.status).toBe("not_rendered");
    await t.cabinet.stop(); // one process, one connection to the file: the first core goes first
    stopped = true;
    const renderer = new ScriptedRenderer();
    renderer.failWith = null;
    const again = await startTestCabinet({
      plugins: [scriptedRendererPlugin(renderer)],
      config: { plugins: [{ name: "documents-scripted", options: {} }], files: { dir: join(dir, "files") }, database: { url: sqliteFile! } },
    });
    try {
      expect(await settled(again, token, doc.id)).toMatchObject({ status: "ready", failureReason: null });
      expect((await download(again, `/api/v1/documents/${doc.id}/pdf`, token)).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});
