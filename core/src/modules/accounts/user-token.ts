import { randomBytes } from "node:crypto";
export { hashSessionToken as hashUserToken } from "./session-token.js";

/** A one-time token for a link sent by e-mail: 256 random bits, prefixed so a leaked one is recognised. */
export function newUserToken(): string {
  return `cabl_${randomBytes(32).toString("base64url")}`;
}
