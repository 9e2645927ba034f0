import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { privacyEn, type PrivacyMessages } from "./privacy.en.js";
import { russianCatalogs } from "./locales.js";

export type { PrivacyMessages };

export const privacyMessages = {
  en: privacyEn,
  get ru(): PrivacyMessages {
    return russianCatalogs()?.privacy ?? privacyEn;
  },
} satisfies Record<Locale, PrivacyMessages>;

/** What a privacy widget translates with: the common strings and errors (privacy's among them), and privacy's own. */
export type PrivacyT = Messages & PrivacyMessages;

export function privacyStrings(locale: Locale): PrivacyT {
  const common = messages[locale];
  const own = privacyMessages[locale];
  return { ...common, ...own, errors: { ...common.errors, ...own.privacyErrors } };
}
