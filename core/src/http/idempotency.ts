import { createHash } from "node:crypto";
import type { Context } from "koa";
import { CabinetError } from "../errors/cabinet-error.js";

const KEY_PATTERN = /^[\x21-\x7e]{1,100}$/;

/**
 * The request's `Idempotency-Key` header (1–100 visible ASCII characters), or undefined when
 * absent and not `required`. A missing required key or a malformed one is 400, in the usual
 * validation shape.
 */
export function idempotencyKeyOf(ctx: Context, required: boolean): string | undefined {
  const key = ctx.get("idempotency-key");
  if (key === "" && !required) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new CabinetError("CAB_ERR_VALIDATION", {
      errors: [{ in: "header", path: "/Idempotency-Key", message: key === "" ? "is required" : "must be 1 to 100 visible ASCII characters" }],
    });
  }
  return key;
}

/** SHA-256 (hex) of `value` as JSON with object keys sorted: the same content hashes the same whatever its key order. */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(sortKeys(value))).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
