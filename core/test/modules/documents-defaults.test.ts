import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { DefaultJobQueue } from "../../src/kernel/default-job-queue.js";
import { LocalDiskFileStore } from "../../src/kernel/default-file-store.js";
import { waitFor } from "../support/document-helpers.js";

const logger = pino({ level: "silent" });
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-defaults-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("the default job queue", () => {
  it("runs a job with a given id once while it waits or runs, and again once it is done", async () => {
    const queue = new DefaultJobQueue({ attempts: 1, backoffMs: 0, logger });
    const seen: unknown[] = [];
    queue.process("echo", async (payload) => void seen.push(payload.n));
    await queue.enqueue("echo", { n: 1 }, { jobId: "a" });
    await queue.enqueue("echo", { n: 2 }, { jobId: "a" });
    await queue.enqueue("echo", { n: 3 });
    expect(seen).toEqual([]); // nothing runs before start()
    await queue.start();
    await waitFor(async () => seen.length === 2, "two jobs");
    await queue.enqueue("echo", { n: 4 }, { jobId: "a" });
    await waitFor(async () => seen.length === 3, "the job again");
    expect(seen).toEqual([1, 3, 4]);
    await queue.stop();
  });

  it("retries a failing job with growing back-off, then reports it failed once", async () => {
    const queue = new DefaultJobQueue({ attempts: 3, backoffMs: 20, logger });
    const runs: number[] = [];
    const failures: unknown[] = [];
    queue.process(
      "flaky",
      async () => {
        runs.push(Date.now());
        throw new Error(`attempt ${runs.length}`);
      },
      { onFailed: async (payload, error) => void failures.push([payload, (error as Error).message]) },
    );
    await queue.start();
    await queue.enqueue("flaky", { id: "x" }, { jobId: "x" });
    await waitFor(async () => failures.length === 1, "the failure");
    expect(runs).toHaveLength(3);
    expect(runs[1] - runs[0]).toBeGreaterThanOrEqual(18);
    expect(runs[2] - runs[1]).toBeGreaterThanOrEqual(38);
    expect(failures).toEqual([[{ id: "x" }, "attempt 3"]]);
    await queue.stop();
  });

  it("keeps to the concurrency, runs delayed jobs later, and drains running jobs on stop", async () => {
    const queue = new DefaultJobQueue({ attempts: 1, backoffMs: 0, logger });
    let running = 0;
    let peak = 0;
    let done = 0;
    queue.process(
      "slow",
      async () => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        done++;
      },
      { concurrency: 2 },
    );
    await queue.start();
    for (let i = 0; i < 5; i++) await queue.enqueue("slow", {});
    await queue.enqueue("slow", {}, { delayMs: 60_000 });
    await waitFor(async () => done >= 1, "a first job");
    await queue.stop();
    expect(done).toBe(5); // every due job finished; the delayed one was dropped
    expect(peak).toBe(2);
  });
});

describe("the local-disk file store", () => {
  it("stores a file atomically and answers its size and sha256", async () => {
    const dir = tempDir();
    const store = new LocalDiskFileStore(dir);
    const data = Buffer.from("%PDF-1.4 hello");
    expect(await store.put("documents/brd_1/doc_1.pdf", data, { contentType: "application/pdf" })).toEqual({
      key: "documents/brd_1/doc_1.pdf",
      size: data.length,
      sha256: createHash("sha256").update(data).digest("hex"),
    });
    await store.put("documents/brd_1/doc_1.pdf", Buffer.from("replaced"), { contentType: "application/pdf" });
    expect(await text(await store.get("documents/brd_1/doc_1.pdf"))).toBe("replaced");
    expect(readdirSync(join(dir, "documents", "brd_1"))).toEqual(["doc_1.pdf"]); // no temporary file left behind
    await store.delete("documents/brd_1/doc_1.pdf");
    await store.delete("documents/brd_1/doc_1.pdf");
    await expect(store.get("documents/brd_1/doc_1.pdf")).rejects.toThrow(/ENOENT/);
  });

  it("refuses keys that could leave its directory or hide a file", async () => {
    const parent = tempDir();
    const store = new LocalDiskFileStore(join(parent, "files"));
    for (const key of ["../escaped", "a/../../escaped", "..", "/etc/passwd", "a//b", ".hidden", "a/./b", "a\\..\\b", "", "a/"]) {
      await expect(store.put(key, Buffer.from("x"), { contentType: "text/plain" }), key).rejects.toThrow(/not a plain relative key/);
      await expect(store.get(key), key).rejects.toThrow(/not a plain relative key/);
      await expect(store.delete(key), key).rejects.toThrow(/not a plain relative key/);
    }
    expect(existsSync(join(parent, "escaped"))).toBe(false);
  });
});
