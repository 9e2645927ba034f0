import { privacyStrings, type PrivacyT } from "../i18n/privacy.js";
import type { Locale } from "../i18n/index.js";
import { GatedElement } from "../runtime/gated-element.js";

/** What every privacy widget shares, on top of {@link GatedElement}: privacy's strings; any signed-in user. */
export abstract class PrivacyElement extends GatedElement<PrivacyT> {
  protected override readonly permission = null;

  protected override stringsFor(locale: Locale): PrivacyT {
    return privacyStrings(locale);
  }
}
