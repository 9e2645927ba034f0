import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** The prefixes of the core's ids; a plugin may use its own short prefix. */
export type IdPrefix = "brd" | "acc" | "usr" | "ses" | "prd" | "svc" | (string & {});

/**
 * A new id such as `svc_01jd3k7x9q4m2v8b6c5n`. The first 10 characters encode the time,
 * so ids sort by creation; that keeps cursor pagination on `id` stable and cheap.
 */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(12);
  let random = "";
  for (const byte of bytes) random += alphabet[byte % 32];
  return `${prefix}_${time}${random}`;
}
