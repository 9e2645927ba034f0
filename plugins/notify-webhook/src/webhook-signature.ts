import { createHmac, timingSafeEqual } from "node:crypto";

/** The headers of a delivery; receivers find them under these names. */
export const webhookHeaders = {
  id: "cabinet-webhook-id",
  timestamp: "cabinet-webhook-timestamp",
  signature: "cabinet-webhook-signature",
} as const;

/** `v1=` and the hex HMAC-SHA256, keyed by the endpoint's secret, of `<timestamp>.<raw body>`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * What a receiver runs: the signature is right and the timestamp (Unix seconds) is recent,
 * so that a captured delivery cannot be replayed later.
 *
 * @example
 * verifyWebhook(secret, req.headers["cabinet-webhook-timestamp"], req.headers["cabinet-webhook-signature"], rawBody)
 */
export function verifyWebhook(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
