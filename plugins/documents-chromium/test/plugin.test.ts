import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createCabinet, PluginError } from "@cabinet/core";
import documentsChromium from "../src/index.js";
import { chromiumProcesses, waitUntil } from "./chromium-processes.js";

const quiet = { env: "test" as const, log: { level: "silent" as const }, database: { url: "sqlite::memory:" } };

const start = (options: Record<string, unknown>) =>
  createCabinet({ ...quiet, plugins: [{ name: "documents-chromium", options }] }, { plugins: [documentsChromium] });

describe("the documents-chromium plugin", () => {
  it("provides the chromium document renderer, which the core's stop closes", async () => {
    const cabinet = await start({ pages: 1 });
    try {
      const renderer = cabinet.extensions.get("document-renderer", "chromium");
      expect(renderer?.id).toBe("chromium");
      // Lazy: nothing runs until the first document.
      expect(chromiumProcesses()).toEqual([]);
      const pdf = await renderer!.renderPdf({ documentId: "doc_1", html: "<h1>Credit note CN-9</h1>", timeoutMs: 10_000 });
      expect(execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString()).toContain("Credit note CN-9");
      expect(chromiumProcesses().length).toBeGreaterThan(0);
    } finally {
      await cabinet.stop();
    }
    expect(await waitUntil(() => chromiumProcesses().length === 0)).toBe(true);
  });

  it("refuses to start with options out of range or unknown", async () => {
    await expect(start({ pages: 9 })).rejects.toThrow('Plugin "documents-chromium" options: pages must be <= 8');
    await expect(start({ page: 2 })).rejects.toThrow('Plugin "documents-chromium" options: page is not a known option');
  });

  it("refuses to start when there is no Chromium at executablePath", async () => {
    const refused = start({ executablePath: "/nowhere/chromium" });
    await expect(refused).rejects.toBeInstanceOf(PluginError);
    await expect(refused).rejects.toThrow('Plugin "documents-chromium": no executable Chromium at /nowhere/chromium');
  });
});
