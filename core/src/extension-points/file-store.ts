import type { Readable } from "node:stream";

/**
 * Stores attachments and documents by a key the core chooses (never a client's file name).
 * `put` takes bytes or a stream: a stream (a personal-data export, written as it is read from
 * the database) is consumed as it comes, never gathered whole in memory, and its size and
 * SHA-256 counted on the way. A put is all or nothing: a reader never sees a partial file, and
 * a stream that fails makes `put` reject and leave nothing under the key.
 *
 * @example
 * const { key, sha256 } = await store.put(`tickets/${ticketId}/${attachmentId}`, bytes, { contentType: "image/png" });
 * const { size } = await store.put(`exports/${userId}/${exportId}.zip`, zip.outputStream, { contentType: "application/zip" });
 */
export interface FileStore {
  readonly id: string;
  put(key: string, data: Buffer | Readable, meta: { contentType: string }): Promise<{ key: string; size: number; sha256: string }>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}
