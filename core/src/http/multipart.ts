import { createRequire } from "node:module";
import type { Context } from "koa";
import { CabinetError } from "../errors/cabinet-error.js";

/** A file of a `multipart/form-data` request, held in memory (the route's limits bound it). */
export interface UploadedFile {
  /** As the client named it: untrusted, for display only once sanitized. */
  originalName: string;
  data: Buffer;
  size: number;
}

/** What one multipart request may carry. */
export interface UploadLimits {
  /** The largest one file may be. */
  fileBytes: number;
  /** How many files it may carry. */
  files: number;
}

// @koa/multer ships no types; this is the part of it used here.
interface KoaMulter {
  array(field: string): (ctx: Context, next: () => Promise<void>) => Promise<void>;
}
type KoaMulterFactory = ((options: Record<string, unknown>) => KoaMulter) & { memoryStorage(): unknown };
const koaMulter = createRequire(import.meta.url)("@koa/multer") as KoaMulterFactory;

/** Text fields: how many and how long each may be (the route's schema then checks each). */
const FIELDS = 20;
const FIELD_BYTES = 256 * 1024;

/**
 * Reads a `multipart/form-data` body: its text fields (an object of strings, for the route's
 * schema to validate) and the files of `field`. Files stay in memory, bounded by `limits`; a
 * part over a limit stops the upload with the matching `CAB_ERR_…`, and nothing is stored.
 */
export async function readMultipart(ctx: Context, field: string, limits: UploadLimits): Promise<{ fields: Record<string, unknown>; files: UploadedFile[] }> {
  const upload = koaMulter({
    storage: koaMulter.memoryStorage(),
    limits: { fileSize: limits.fileBytes, files: limits.files, fields: FIELDS, fieldSize: FIELD_BYTES, parts: FIELDS + limits.files },
  }).array(field);
  // The JSON body parser left an empty body on this request; the multipart parser fills it.
  ctx.request.body = undefined;
  try {
    await upload(ctx, async () => {});
  } catch (error) {
    throw multipartError(error, field, limits);
  }
  const received = (ctx as unknown as { files?: { originalname: string; buffer: Buffer; size: number }[] }).files ?? [];
  return {
    fields: { ...((ctx.request.body as Record<string, unknown> | undefined) ?? {}) },
    files: received.map((f) => ({ originalName: f.originalname, data: f.buffer, size: f.size })),
  };
}

function multipartError(error: unknown, field: string, limits: UploadLimits): CabinetError {
  const code = (error as { code?: string }).code;
  switch (code) {
    case "LIMIT_FILE_SIZE":
      return new CabinetError("CAB_ERR_ATTACHMENT_TOO_LARGE", { limitBytes: limits.fileBytes });
    case "LIMIT_FILE_COUNT":
      return new CabinetError("CAB_ERR_TOO_MANY_ATTACHMENTS", { limit: limits.files });
    case "LIMIT_UNEXPECTED_FILE":
      return invalid(`files belong in the \`${field}\` field`);
    case "LIMIT_FIELD_VALUE":
    case "LIMIT_FIELD_KEY":
    case "LIMIT_FIELD_COUNT":
    case "LIMIT_PART_COUNT":
      return new CabinetError("CAB_ERR_PAYLOAD_TOO_LARGE", { reason: code });
    default:
      // busboy's "Unexpected end of form", a missing boundary…: the client sent a broken body.
      return invalid("the multipart body is malformed");
  }
}

const invalid = (message: string) => new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/", message }] });
