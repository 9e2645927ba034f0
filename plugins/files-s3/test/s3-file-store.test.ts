import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import S3rver from "s3rver";
import filesS3Plugin, { MIN_PART_BYTES, S3FileStore } from "../src/index.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import { departmentIds, fetchBytes, openTicket, PNG, sendMultipart } from "../../../core/test/support/ticket-helpers.js";
import { download, issueInvoice, ScriptedRenderer, scriptedRendererPlugin, settled, waitFor } from "../../../core/test/support/document-helpers.js";

// A real S3-speaking server (s3rver) on an ephemeral port, its buckets in a temporary directory.
const BUCKET = "cabinet-test";
let server: S3rver;
let endpoint: string;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cabinet-s3rver-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const stores: S3FileStore[] = [];
function newStore(prefix = "") {
  const store = new S3FileStore({
    bucket: BUCKET,
    prefix,
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestTimeoutMs: 10_000,
  });
  stores.push(store);
  return store;
}
afterAll(() => stores.forEach((s) => s.close()));

function* chunksOf(data: Buffer, size: number) {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe("S3FileStore", () => {
  it("stores bytes as they are and answers their size and SHA-256; another node reads them back", async () => {
    const data = randomBytes(300_000);
    const put = await newStore().put("tickets/tkt_1/att_1", data, { contentType: "application/octet-stream" });
    expect(put).toEqual({
      key: "tickets/tkt_1/att_1",
      size: data.length,
      sha256: (await import("node:crypto")).createHash("sha256").update(data).digest("hex"),
    });
    // A second process with its own client shares the bucket.
    expect((await bytesOf(await newStore().get("tickets/tkt_1/att_1"))).equals(data)).toBe(true);
  });

  it("fails get of a missing key at once, and deletes (twice) without a trace", async () => {
    const store = newStore("node-a/");
    await expect(store.get("documents/none.pdf")).rejects.toThrow();
    await store.put("documents/x.pdf", Buffer.from("%PDF"), { contentType: "application/pdf" });
    await store.delete("documents/x.pdf");
    await store.delete("documents/x.pdf");
    await expect(store.get("documents/x.pdf")).rejects.toThrow();
  });

  it("keeps installations with different prefixes apart", async () => {
    await newStore("one/").put("k", Buffer.from("one"), { contentType: "text/plain" });
    await expect(newStore("two/").get("k")).rejects.toThrow();
    expect((await bytesOf(await newStore("one/").get("k"))).toString()).toBe("one");
  });

  it("stores a stream: a short one as one object, a long one in parts (multipart), each read back whole with its size and SHA-256", async () => {
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    const store = newStore();
    const short = randomBytes(70_000);
    expect(await store.put("exports/short.zip", Readable.from(chunksOf(short, 8192)), { contentType: "application/zip" })).toEqual({
      key: "exports/short.zip",
      size: short.length,
      sha256: sha(short),
    });
    expect((await bytesOf(await newStore().get("exports/short.zip"))).equals(short)).toBe(true);

    const long = randomBytes(MIN_PART_BYTES * 2 + 123_457);
    expect(await store.put("exports/long.zip", Readable.from(chunksOf(long, 64 * 1024)), { contentType: "application/zip" })).toEqual({
      key: "exports/long.zip",
      size: long.length,
      sha256: sha(long),
    });
    expect((await bytesOf(await newStore().get("exports/long.zip"))).equals(long)).toBe(true);
  });

  it("a stream that fails after some parts were sent leaves no object (the upload is aborted)", async () => {
    const store = newStore();
    async function* failing() {
      yield* chunksOf(randomBytes(MIN_PART_BYTES + 1000), 64 * 1024);
      throw new Error("the database went away");
    }
    await expect(store.put("exports/broken.zip", Readable.from(failing()), { contentType: "application/zip" })).rejects.toThrow("the database went away");
    await expect(newStore().get("exports/broken.zip")).rejects.toThrow();
  });

  it("refuses keys that are not plain relative paths", async () => {
    const store = newStore();
    for (const key of ["../etc/passwd", "/abs", "a/../b", ".hidden", "a//b", "a b", ""]) {
      await expect(store.put(key, Buffer.from("x"), { contentType: "text/plain" }), key).rejects.toThrow(/not a plain relative key/);
    }
  });
});

describe("the files-s3 plugin in two cores", () => {
  const renderer = new ScriptedRenderer();
  let a: TestCabinet;
  let b: TestCabinet;
  beforeAll(async () => {
    renderer.failWith = null;
    const config = (node: string) => ({
      files: { store: "s3" },
      // Both nodes keep their files under one prefix, as several nodes of one installation do.
      plugins: [
        { name: "files-s3", options: { bucket: BUCKET, prefix: "shared/", endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
        { name: "documents-scripted", options: {} },
      ],
      log: { level: "warn" as const },
      http: { host: "127.0.0.1", port: 0, publicUrl: `http://node-${node}.test` },
    });
    a = await startTestCabinet({ plugins: [filesS3Plugin, scriptedRendererPlugin(renderer)], config: config("a") });
    b = await startTestCabinet({ plugins: [filesS3Plugin, scriptedRendererPlugin(renderer)], config: config("b") });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("keeps a ticket's attachment in the bucket, downloaded as uploaded", async () => {
    const client = await a.signUp();
    const departments = await departmentIds(a, client.token);
    const ticket = await openTicket(a, client.token, departments.technical);
    const sent = await sendMultipart(a, `/api/v1/tickets/${ticket.id}/messages`, client.token, { body: "screenshot" }, [
      { name: "screen.png", data: PNG, type: "image/png" },
    ]);
    expect(sent.status).toBe(201);
    const [attachment] = sent.body.attachments;
    const file = await fetchBytes(a, `/api/v1/tickets/${ticket.id}/attachments/${attachment.id}`, client.token);
    expect(file.status).toBe(200);
    expect(file.data.equals(PNG)).toBe(true);
    // The object is in the bucket, under the core's key: another node's store reads the same bytes.
    const keys = await listKeys();
    const key = keys.find((k) => k.startsWith(`shared/tickets/${ticket.id}/`));
    expect(key).toBeDefined();
    expect((await bytesOf(await newStore("shared/").get(key!.slice("shared/".length)))).equals(PNG)).toBe(true);
  });

  it("keeps a document's PDF in the bucket", async () => {
    const client = await b.signUp();
    await issueInvoice(b, client.accountId, [1200]);
    // The document is issued on the invoice's event, after its commit.
    const doc = await waitFor(
      async () => (await b.request("GET", "/api/v1/documents?kind=invoice", { token: client.token })).body.items[0],
      "the invoice's document",
    );
    expect((await settled(b, client.token, doc.id)).status).toBe("ready");
    const pdf = await download(b, `/api/v1/documents/${doc.id}/pdf`, client.token);
    expect(pdf.status).toBe(200);
    expect(pdf.body.toString()).toContain("%PDF-1.4");
    expect((await listKeys()).some((k) => k.startsWith("shared/documents/") && k.endsWith(`/${doc.id}.pdf`))).toBe(true);
  });

  it("streams a personal-data export into the bucket: downloaded, it is a whole ZIP with the user in it", async () => {
    const client = await a.signUp();
    const asked = await a.request("POST", "/api/v1/privacy/exports", { token: client.token, body: { password: "correct horse battery" } });
    expect(asked.status).toBe(202);
    const done = await waitFor(async () => {
      const item = (await a.request("GET", "/api/v1/privacy/exports", { token: client.token })).body.items[0];
      return item.status === "ready" || item.status === "failed" ? item : undefined;
    }, "the export");
    expect(done.status).toBe("ready");
    expect((await listKeys()).includes(`shared/exports/${client.userId}/${done.id}.zip`)).toBe(true);
    const file = await fetchBytes(a, `/api/v1/privacy/exports/${done.id}/download`, client.token);
    expect(file.status).toBe(200);
    expect(file.data.length).toBe(done.size);
    const names: string[] = [];
    let profile = "";
    await new Promise<void>((resolve, reject) =>
      yauzl.fromBuffer(file.data, { lazyEntries: true }, (error, zip) => {
        if (error || !zip) return reject(error);
        zip.on("entry", (entry: yauzl.Entry) => {
          names.push(entry.fileName);
          zip.openReadStream(entry, (e, stream) => {
            if (e || !stream) return reject(e);
            void bytesOf(stream).then((bytes) => {
              if (entry.fileName === "profile.json") profile = bytes.toString();
              zip.readEntry();
            }, reject);
          });
        });
        zip.on("end", resolve);
        zip.on("error", reject);
        zip.readEntry();
      }),
    );
    expect(names).toEqual(expect.arrayContaining(["profile.json", "profile.csv", "sign-in-history.json", "notifications.csv", "README.json"]));
    expect(JSON.parse(profile)[0]).toMatchObject({ id: client.userId, email: client.email });
  });

  /** Every object key in the bucket, as S3 lists them. */
  async function listKeys(): Promise<string[]> {
    const { S3Client, ListObjectsV2Command } = await import("@aws-sdk/client-s3");
    const client = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
    try {
      return ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!);
    } finally {
      client.destroy();
    }
  }
});
