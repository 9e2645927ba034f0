import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a signed message's timestamp may be from our clock before it is refused as a replay. */
export const TOLERANCE_SECONDS = 300;

/**
 * The signature of a message in both directions: `v1=` and the hex HMAC-SHA256, keyed with
 * the shared secret, of `<timestamp>.<body>` — the timestamp exactly as sent in
 * `X-Cabinet-Timestamp` (unix seconds), the body exactly as sent (the raw bytes, not re-serialised).
 *
 * @example
 * sign("a shared secret of 16+ chars", 1795000000, '{"serviceId":"svc_…"}') // "v1=5d1c…"
 */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The headers that sign a message sent now. */
export function signedHeaders(secret: string, nowSeconds: number, body: string): Record<string, string> {
  return { "X-Cabinet-Timestamp": String(nowSeconds), "X-Cabinet-Signature": sign(secret, nowSeconds, body) };
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** Checks a message's signature and that its timestamp is within {@link TOLERANCE_SECONDS} of now. */
export function verify(headers: { timestamp?: string; signature?: string }, body: string, secret: string, nowSeconds: number): SignatureCheck {
  if (!headers.timestamp || !headers.signature) return { valid: false, reason: "X-Cabinet-Timestamp and X-Cabinet-Signature are required" };
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { valid: false, reason: "X-Cabinet-Timestamp is not unix seconds" };
  const timestamp = Number(headers.timestamp);
  if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return { valid: false, reason: "timestamp outside the tolerance" };
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "signature does not match" };
  return { valid: true };
}
