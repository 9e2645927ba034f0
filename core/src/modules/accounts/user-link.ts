import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";

/**
 * The page a one-time link opens: the provider's page that embeds `<cab-login>` or
 * `<cab-settings>`, named by the caller but only on an allowed origin of the brand (or the
 * core's own public URL) — never an address an attacker chose. The token rides in the
 * fragment, so it never reaches a server log nor a Referer header.
 */
export function userLink(brand: Brand, publicUrl: string, page: string | undefined, param: string, token: string): string {
  const url = new URL(page ?? `${publicUrl}/`);
  if (url.origin !== new URL(publicUrl).origin && !brand.allowedOrigins.includes(url.origin)) {
    throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/page", message: "is not on an allowed origin of the brand" }] });
  }
  url.hash = `${param}=${token}`;
  return url.toString();
}
