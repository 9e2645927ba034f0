import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// A widget bundle laid out as rollup writes it: the loader, and hashed chunks.
const dir = mkdtempSync(join(tmpdir(), "cabinet-widgets-"));
mkdirSync(join(dir, "chunks"));
writeFileSync(join(dir, "cabinet.js"), 'import("./chunks/cab-balance-AbC123xy.js");');
writeFileSync(join(dir, "chunks", "cab-balance-AbC123xy.js"), "export const x = 1;");
// As the build leaves them: each script precompressed beside it (brotli and gzip).
const chunkSource = `export const text = "${"widget ".repeat(500)}";`;
const chunk = join(dir, "chunks", "cab-services-Zz98yX_1.js");
writeFileSync(chunk, chunkSource);
writeFileSync(chunk + ".br", brotliCompressSync(chunkSource));
writeFileSync(chunk + ".gz", gzipSync(chunkSource));
writeFileSync(join(dir, "cabinet.js.br"), brotliCompressSync('import("./chunks/cab-balance-AbC123xy.js");'));
writeFileSync(join(dir, "cabinet.js.gz"), gzipSync('import("./chunks/cab-balance-AbC123xy.js");'));
// A script rebuilt after its copies were made: the stale copies must not be served for it.
const stale = join(dir, "chunks", "cab-ledger-Qq11Ww22.js");
writeFileSync(stale + ".gz", gzipSync("export const old = 1;"));
utimesSync(stale + ".gz", new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
writeFileSync(stale, "export const fresh = 2;");

/** The raw answer (bytes as sent, no decoding), which fetch would hide. */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

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

describe("the widget bundle, compressed and revalidated", () => {
  const chunkPath = "/widgets/chunks/cab-services-Zz98yX_1.js";

  it("sends brotli when the browser accepts it, gzip when only that, plain bytes otherwise; always Vary: Accept-Encoding", async () => {
    const br = await raw(t.url + chunkPath, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(br.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(chunkSource.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(chunkSource);

    const gz = await raw(t.url + chunkPath, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(chunkSource);
    // Brotli refused by its weight: gzip.
    const noBr = await raw(t.url + chunkPath, { "accept-encoding": "br;q=0, gzip" });
    expect(noBr.headers["content-encoding"]).toBe("gzip");

    const plain = await raw(t.url + chunkPath, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(chunkSource);
    const identity = await raw(t.url + chunkPath, { "accept-encoding": "identity" });
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.toString()).toBe(chunkSource);
  });

  it("keeps the chunk's long-lived immutable caching and open CORS in every encoding", async () => {
    for (const encoding of ["br", "gzip", "identity"]) {
      const answer = await raw(t.url + chunkPath, { "accept-encoding": encoding, origin: "https://anyone.test" });
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(answer.headers["access-control-allow-origin"]).toBe("*");
    }
  });

  it("keeps the loader no-cache, with CORS for a brand's site only, compressed too", async () => {
    const loader = await raw(t.url + "/widgets/cabinet.js", { "accept-encoding": "br", origin: acme });
    expect(loader.headers["content-encoding"]).toBe("br");
    expect(loader.headers["cache-control"]).toBe("no-cache");
    expect(loader.headers["access-control-allow-origin"]).toBe(acme);
    expect(String(loader.headers["vary"])).toMatch(/Origin/);
    expect(String(loader.headers["vary"])).toMatch(/Accept-Encoding/);
    const stranger = await raw(t.url + "/widgets/cabinet.js", { "accept-encoding": "br", origin: "https://evil.test" });
    expect(stranger.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("answers a revalidation with its ETag 304 and no body; each encoding has its own ETag", async () => {
    const br = await raw(t.url + chunkPath, { "accept-encoding": "br" });
    const gz = await raw(t.url + chunkPath, { "accept-encoding": "gzip" });
    const plain = await raw(t.url + chunkPath, {});
    const tags = [br, gz, plain].map((a) => a.headers.etag);
    for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/);
    expect(new Set(tags).size).toBe(3);
    expect(br.headers["last-modified"]).toBeTruthy();

    const again = await raw(t.url + chunkPath, { "accept-encoding": "br", "if-none-match": String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(br.headers.etag);
    expect(again.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // Another encoding's tag does not match this representation: the full answer.
    const other = await raw(t.url + chunkPath, { "accept-encoding": "br", "if-none-match": String(gz.headers.etag) });
    expect(other.status).toBe(200);
    expect(brotliDecompressSync(other.body).toString()).toBe(chunkSource);

    const loader = await raw(t.url + "/widgets/cabinet.js", { "accept-encoding": "gzip", origin: acme });
    const loaderAgain = await raw(t.url + "/widgets/cabinet.js", { "accept-encoding": "gzip", origin: acme, "if-none-match": String(loader.headers.etag) });
    expect(loaderAgain.status).toBe(304);
    expect(loaderAgain.headers["access-control-allow-origin"]).toBe(acme);
    expect(loaderAgain.headers["cache-control"]).toBe("no-cache");
  });

  it("never serves a compressed copy older than its script", async () => {
    const answer = await raw(t.url + "/widgets/chunks/cab-ledger-Qq11Ww22.js", { "accept-encoding": "gzip, br" });
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.body.toString()).toBe("export const fresh = 2;");
  });

  it("serves the real build's chunks precompressed beside them", async () => {
    // What rollup.config.mjs writes: every .js in widgets/dist has a .br and a .gz no older than it.
    const { readdirSync, statSync } = await import("node:fs");
    const dist = join(import.meta.dirname, "../../../widgets/dist");
    const scripts = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(3);
    for (const name of scripts) {
      const script = statSync(join(dist, name));
      for (const suffix of [".br", ".gz"]) expect(statSync(join(dist, name + suffix)).mtimeMs, name + suffix).toBeGreaterThanOrEqual(script.mtimeMs);
    }
  });
});
