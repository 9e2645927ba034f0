import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case
const RANDOM_BITS = 60n; // 12 base32 characters

/** The prefixes of the core's ids; a plugin may use its own short prefix. */
export type IdPrefix = "brd" | "acc" | "usr" | "ses" | "prd" | "svc" | "led" | (string & {});

// The one piece of process-wide state in the core, and deliberately so: within a process,
// ids made in the same millisecond must still sort in the order they were made (a ledger
// lists entries by id), so the random part of the next id counts up from the last one.
let last = { time: -1, random: 0n };

function encode(value: bigint, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = alphabet[Number(value % 32n)] + out;
    value /= 32n;
  }
  return out;
}

/**
 * A new id such as `svc_01jd3k7x9q4m2v8b6c5n…`: 10 characters of time, then 12 of randomness,
 * so ids sort by creation (monotonic within a process), which keeps cursor pagination on `id`
 * stable and cheap.
 */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let random: bigint;
  let time = now;
  if (now <= last.time) {
    time = last.time;
    random = (last.random + 1n) % (1n << RANDOM_BITS);
  } else {
    random = BigInt("0x" + randomBytes(8).toString("hex")) >> 4n; // 60 random bits
  }
  last = { time, random };
  return `${prefix}_${encode(BigInt(time), 10)}${encode(random, 12)}`;
}
