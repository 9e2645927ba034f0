import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// A widget bundle laid out as rollup writes it: the loader, and hashed chunks.
const dir = mkdtempSync(join(tmpdir(), "cabinet-widgets-"));
mkdirSync(join(dir, "chunks"));
writeFileSync(join(dir, "cabinet.js"), 'import("./chunks/cab-balance-AbC123xy.js");');
writeFileSync(join(dir, "chunks", "cab-balance-AbC123xy.js"), "export const x = 1;");

const acme = "https://www.acme-hosting.test";
let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({ staticDirs: [{ prefix: "/widgets", dir }] });
  await addBrand(t, "acme", [acme]);
});
afterAll(() => t.close());

describe("the widget bundle, served to other sites", () => {
  it("serves hashed chunks to any origin, immutable for a year", async () => {
    const chunk = await t.request("GET", "/widgets/chunks/cab-balance-AbC123xy.js", { headers: { origin: "https://anyone.test" } });
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get("access-control-allow-origin")).toBe("*");
    expect(chunk.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(chunk.headers.get("content-type")).toMatch(/^text\/javascript/);
  });

  it("serves the loader with CORS for a brand's site only, revalidated on every load", async () => {
    const loader = await t.request("GET", "/widgets/cabinet.js", { headers: { origin: acme } });
    expect(loader.status).toBe(200);
    expect(loader.headers.get("access-control-allow-origin")).toBe(acme);
    expect(loader.headers.get("cache-control")).toBe("no-cache");
    expect(loader.headers.get("vary")).toMatch(/Origin/);
    const stranger = await t.request("GET", "/widgets/cabinet.js", { headers: { origin: "https://evil.test" } });
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
    const again = await t.request("GET", "/widgets/cabinet.js", { headers: { origin: acme, "if-modified-since": loader.headers.get("last-modified")! } });
    expect(again.status).toBe(304);
  });

  it("answers a missing file 404, without CORS", async () => {
    const missing = await t.request("GET", "/widgets/chunks/nope-AbC123xy.js", { headers: { origin: acme } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBeNull();
  });
});
