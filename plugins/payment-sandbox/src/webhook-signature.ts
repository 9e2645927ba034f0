import { createHmac, timingSafeEqual } from "node:crypto";

/** `Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as real gateways sign. */
export function signWebhook(body: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

export function verifyWebhook(header: string | undefined, body: string, secret: string, nowSeconds: number, toleranceSeconds = 300): SignatureCheck {
  if (!header) return { valid: false, reason: "no Sandbox-Signature header" };
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return { valid: false, reason: "malformed signature header" };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { valid: false, reason: "timestamp outside the tolerance" };
  const expected = Buffer.from(signWebhook(body, secret, timestamp).split("v1=")[1], "hex");
  const given = Buffer.from(parts.v1, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "signature does not match" };
  return { valid: true };
}
