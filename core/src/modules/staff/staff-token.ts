import { randomBytes } from "node:crypto";

/** Staff tokens carry their own prefix: a glance (or a secret scanner) tells them from a client's. */
export const STAFF_TOKEN_PREFIX = "cabstaff_";

/** A new staff bearer token: 256 random bits. Only its SHA-256 is stored. */
export function newStaffToken(): string {
  return `${STAFF_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function isStaffToken(token: string): boolean {
  return token.startsWith(STAFF_TOKEN_PREFIX);
}
