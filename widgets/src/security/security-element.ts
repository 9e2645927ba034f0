import { securityStrings, type SecurityT } from "../i18n/security.js";
import type { Locale } from "../i18n/index.js";
import { GatedElement } from "../runtime/gated-element.js";
import { securityApi } from "./security-api.js";

/** What the settings widgets share: their strings, any signed-in user, and their API calls. */
export abstract class SecurityElement extends GatedElement<SecurityT> {
  protected override readonly permission = null;

  protected override stringsFor(locale: Locale): SecurityT {
    return securityStrings(locale);
  }

  /** Runs a call with the session's credentials (a 401 signs every widget out). */
  protected api<T>(call: (api: ReturnType<typeof securityApi>) => Promise<T>): Promise<T> {
    return this.cabinet.session.call((client, credentials) => call(securityApi(client, credentials)));
  }
}
