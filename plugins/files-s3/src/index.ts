import { definePlugin, Type } from "@cabinet/core";
import { S3FileStore } from "./s3-file-store.js";

export { MIN_PART_BYTES, S3FileStore, type S3FileStoreOptions } from "./s3-file-store.js";

export const s3OptionsSchema = Type.Object(
  {
    bucket: Type.String({ minLength: 3, maxLength: 63, pattern: "^[a-z0-9][a-z0-9.-]+[a-z0-9]$" }),
    /** Prepended to every object key: `cabinet/` keeps one installation's files apart in a shared bucket. */
    prefix: Type.String({ maxLength: 200, pattern: "^([A-Za-z0-9_.-]+/)*$", default: "" }),
    region: Type.String({ minLength: 1, maxLength: 64, default: "us-east-1" }),
    /** An S3-compatible service's URL; unset for AWS S3. */
    endpoint: Type.Optional(Type.String({ pattern: "^https?://" })),
    /** The bucket in the path rather than the host name (MinIO, Ceph and most S3-compatible services). */
    forcePathStyle: Type.Boolean({ default: true }),
    /** Static credentials; unset, the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, an instance role). */
    accessKeyId: Type.Optional(Type.String({ minLength: 1 })),
    secretAccessKey: Type.Optional(Type.String({ minLength: 1 })),
    requestTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 }),
  },
  { additionalProperties: false },
);

/**
 * `files-s3`: the `file-store` with id `s3` — ticket attachments and document PDFs in a bucket
 * of any S3-compatible store, which every core process shares (set `files.store` to `s3`).
 *
 * @example
 * { "files": { "store": "s3" },
 *   "plugins": [{ "name": "files-s3", "module": "@cabinet/plugin-files-s3",
 *     "options": { "bucket": "cabinet-files", "endpoint": "http://minio:9000", "accessKeyId": "…", "secretAccessKey": "…" } }] }
 */
export default definePlugin({
  name: "files-s3",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: s3OptionsSchema,
  register({ options, provide, container }) {
    if ((options.accessKeyId === undefined) !== (options.secretAccessKey === undefined)) throw new Error("accessKeyId and secretAccessKey go together");
    const store = new S3FileStore({
      bucket: options.bucket,
      prefix: options.prefix,
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
      requestTimeoutMs: options.requestTimeoutMs,
    });
    container.register(S3FileStore, { useValue: store });
    provide("file-store", store);
  },
  shutdown({ container }) {
    container.resolve(S3FileStore).close();
  },
});
