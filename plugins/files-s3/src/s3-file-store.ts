import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import type { FileStore } from "@cabinet/core";

export interface S3FileStoreOptions {
  bucket: string;
  /** Prepended to every key (`cabinet/`), so one bucket can hold several installations. */
  prefix: string;
  region: string;
  /** An S3-compatible service's URL (MinIO, Ceph, R2…); AWS itself when unset. */
  endpoint?: string;
  /** Bucket in the path (`http://host/bucket/key`), as most S3-compatible services need. */
  forcePathStyle: boolean;
  /** Static credentials; the SDK's default chain (environment, instance role…) when unset. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The longest one S3 request may take. */
  requestTimeoutMs: number;
  /**
   * A stream is sent in parts of this size (S3's multipart upload; 5 MiB at least, S3's
   * smallest part): what a streamed put holds in memory. A stream shorter than one part is one
   * PutObject.
   */
  partSizeBytes?: number;
}

/** S3's smallest part but the last. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** Segments of letters, digits, `.`, `_` and `-`, not starting with a dot, joined by `/`: the core's keys, as local-disk checks them. */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,15}$/;

/**
 * The `file-store` with id `s3`: attachments and documents as objects of one bucket of any
 * S3-compatible store, so every core process reads what any other wrote. A put of bytes (or of
 * a stream shorter than one part) is one PutObject; a longer stream is a multipart upload, one
 * part in memory at a time, aborted when the stream fails. Either is atomic: a reader sees the
 * whole object or none. The SHA-256 is computed here (and kept as object metadata when it is
 * known before the upload). A missing object fails `get` itself, not the stream later.
 *
 * @example
 * const store = new S3FileStore({ bucket: "cabinet-files", prefix: "", region: "us-east-1", endpoint: "http://127.0.0.1:9000", forcePathStyle: true, requestTimeoutMs: 30000 });
 * await store.put("tickets/tkt_…/att_…", bytes, { contentType: "image/png" });
 */
export class S3FileStore implements FileStore {
  readonly id = "s3";
  private readonly client: S3Client;

  constructor(private readonly options: S3FileStoreOptions) {
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Many S3-compatible stores reject the SDK's newer default checksums (aws-chunked CRC32
      // trailers); ask for them only where S3 requires them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { requestTimeout: options.requestTimeoutMs, connectionTimeout: options.requestTimeoutMs },
    });
  }

  async put(key: string, data: Buffer | Readable, meta: { contentType: string }): Promise<{ key: string; size: number; sha256: string }> {
    const objectKey = this.objectKey(key);
    if (Buffer.isBuffer(data)) return this.putObject(key, objectKey, data, meta.contentType);
    const partSize = Math.max(MIN_PART_BYTES, this.options.partSizeBytes ?? MIN_PART_BYTES);
    const hash = createHash("sha256");
    let size = 0;
    let held: Buffer[] = [];
    let heldBytes = 0;
    let upload: { id: string; parts: { PartNumber: number; ETag: string }[] } | null = null;
    try {
      for await (const chunk of data) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        hash.update(bytes);
        size += bytes.length;
        held.push(bytes);
        heldBytes += bytes.length;
        if (heldBytes < partSize) continue;
        upload ??= await this.startUpload(objectKey, meta.contentType);
        await this.sendPart(objectKey, upload, Buffer.concat(held));
        held = [];
        heldBytes = 0;
      }
      const sha256 = hash.digest("hex");
      if (!upload) return await this.putObject(key, objectKey, Buffer.concat(held), meta.contentType, sha256);
      if (heldBytes > 0) await this.sendPart(objectKey, upload, Buffer.concat(held));
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket: this.options.bucket, Key: objectKey, UploadId: upload.id, MultipartUpload: { Parts: upload.parts } }),
      );
      return { key, size, sha256 };
    } catch (error) {
      // Nothing appears under the key: the parts sent so far are dropped.
      if (upload)
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.options.bucket, Key: objectKey, UploadId: upload.id })).catch(() => undefined);
      throw error;
    }
  }

  private async putObject(key: string, objectKey: string, data: Buffer, contentType: string, sha256 = createHash("sha256").update(data).digest("hex")) {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: objectKey,
        Body: data,
        ContentLength: data.length,
        ContentType: contentType,
        Metadata: { sha256 },
      }),
    );
    return { key, size: data.length, sha256 };
  }

  private async startUpload(objectKey: string, contentType: string) {
    const started = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.options.bucket, Key: objectKey, ContentType: contentType }));
    if (!started.UploadId) throw new Error(`S3 answered no upload id for ${objectKey}`);
    return { id: started.UploadId, parts: [] as { PartNumber: number; ETag: string }[] };
  }

  private async sendPart(objectKey: string, upload: { id: string; parts: { PartNumber: number; ETag: string }[] }, body: Buffer): Promise<void> {
    const PartNumber = upload.parts.length + 1;
    const sent = await this.client.send(
      new UploadPartCommand({ Bucket: this.options.bucket, Key: objectKey, UploadId: upload.id, PartNumber, Body: body, ContentLength: body.length }),
    );
    upload.parts.push({ PartNumber, ETag: sent.ETag ?? "" });
  }

  async get(key: string): Promise<Readable> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
    const body = object.Body;
    if (body instanceof Readable) return body;
    if (body && typeof (body as { transformToWebStream?: unknown }).transformToWebStream === "function") {
      return Readable.fromWeb((body as { transformToWebStream(): ReadableStream }).transformToWebStream() as never);
    }
    throw new Error(`S3 answered no body for ${key}`);
  }

  async delete(key: string): Promise<void> {
    // S3 answers a delete of a missing object as done: deleting twice is fine, as on local disk.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  /** Closes the SDK's connections. */
  close(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    if (!KEY.test(key) || key.split("/").some((s) => s === "." || s === "..")) {
      throw new Error(`FileStore key ${JSON.stringify(key.slice(0, 200))} is not a plain relative key`);
    }
    return this.options.prefix + key;
  }
}
