import type { Readable } from "node:stream";

/**
 * Stores attachments and documents by a key the core chooses (never a client's file name).
 *
 * @example
 * const { key, sha256 } = await store.put(`tickets/${ticketId}/${attachmentId}`, bytes, { contentType: "image/png" });
 */
export interface FileStore {
  readonly id: string;
  put(key: string, data: Buffer, meta: { contentType: string }): Promise<{ key: string; size: number; sha256: string }>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}
