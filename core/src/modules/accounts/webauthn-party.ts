import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";

/** Who the passkey belongs to, as the browser sees it: the page's origin and its host as the relying party id. */
export interface WebAuthnParty {
  rpID: string;
  origin: string;
  rpName: string;
}

/**
 * The relying party of a passkey ceremony: the page the widgets run on, which must be an
 * allowed origin of the brand (or the core's own public URL). A passkey is bound to that host,
 * as the browser requires; the origin is checked again in the signed client data.
 */
export function webAuthnParty(brand: Brand, publicUrl: string, requestOrigin: string | undefined): WebAuthnParty {
  const origin = requestOrigin || new URL(publicUrl).origin;
  if (origin !== new URL(publicUrl).origin && !brand.allowedOrigins.includes(origin)) {
    throw new CabinetError("CAB_ERR_ORIGIN_NOT_ALLOWED", { origin });
  }
  return { rpID: new URL(origin).hostname, origin, rpName: brand.name };
}
