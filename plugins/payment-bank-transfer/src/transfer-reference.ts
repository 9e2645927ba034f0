import { createHash } from "node:crypto";

// Crockford's base32 without I, L, O and U: nothing a client can misread or mistype on a bank form.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The reference a client quotes on a transfer, such as `NW-7K3F-9Q2M`: the brand's prefix and
 * 40 bits of a hash of the payment id. Derived, not stored, so a retried start gives the same
 * reference; hashed rather than cut from the id, because ids made in one millisecond differ
 * only in their last characters and two such references would be one typo apart.
 *
 * @example
 * transferReference("NW", "pay_01jdq3k7x9q4m2v8b6c5n0") // "NW-…-…", the same every time
 */
export function transferReference(prefix: string, paymentId: string): string {
  const digest = createHash("sha256").update(paymentId).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < 8; i++) {
    code = alphabet[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  const cleanPrefix =
    prefix
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 8) || "PAY";
  return `${cleanPrefix}-${code.slice(0, 4)}-${code.slice(4)}`;
}
