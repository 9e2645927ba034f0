import { createHash, randomBytes } from "node:crypto";

/** A new session token: 256 random bits, prefixed so secret scanners recognise a leaked one. */
export function newSessionToken(): string {
  return `cabs_${randomBytes(32).toString("base64url")}`;
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newCsrfToken(): string {
  return randomBytes(24).toString("base64url");
}
