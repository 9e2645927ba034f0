import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, unlink } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { Readable } from "node:stream";
import type { FileStore } from "../extension-points/file-store.js";

/** Segments of letters, digits, `.`, `_` and `-`, not starting with a dot, joined by `/`. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,15}$/;

/**
 * The core's own `file-store` (id `local-disk`): files under one directory of this machine
 * (`files.dir`). Keys are chosen by the core, and still checked: a key is a few plain path
 * segments, so none can climb out of the directory (`..`), be absolute or name a hidden file.
 * A file (bytes, or a stream as it comes) is written to a temporary name, flushed and renamed
 * into place, so a reader never sees half a file, a failed stream leaves nothing, and a crash
 * leaves at most a stray temporary file, never a torn document.
 *
 * @example
 * const store = new LocalDiskFileStore("./data/files");
 * const { sha256 } = await store.put("documents/brd_…/doc_….pdf", pdf, { contentType: "application/pdf" });
 */
export class LocalDiskFileStore implements FileStore {
  readonly id = "local-disk";
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async put(key: string, data: Buffer | Readable, _meta: { contentType: string }): Promise<{ key: string; size: number; sha256: string }> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    const handle = await open(temporary, "wx", 0o640);
    const hash = createHash("sha256");
    let size = 0;
    try {
      // A stream is written chunk by chunk as it comes (each write awaited: the stream waits too).
      for await (const chunk of Buffer.isBuffer(data) ? [data] : data) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        hash.update(bytes);
        size += bytes.length;
        await handle.write(bytes);
      }
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { key, size, sha256: hash.digest("hex") };
  }

  async get(key: string): Promise<Readable> {
    // Opened here, so a missing file fails this call rather than the stream a response is already sending.
    const handle = await open(this.pathOf(key), "r");
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }

  private pathOf(key: string): string {
    const path = join(this.root, ...key.split("/"));
    // The pattern already rules out `..`; the prefix check keeps that true if it ever changes.
    if (!KEY.test(key) || key.split("/").some((s) => s === "." || s === "..") || !path.startsWith(this.root + sep)) {
      throw new Error(`FileStore key ${JSON.stringify(key.slice(0, 200))} is not a plain relative key`);
    }
    return path;
  }
}
