import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { securityEn, type SecurityMessages } from "./security.en.js";
import { russianCatalogs } from "./locales.js";

export type { SecurityMessages };

export const securityMessages = {
  en: securityEn,
  get ru(): SecurityMessages {
    return russianCatalogs()?.security ?? securityEn;
  },
} satisfies Record<Locale, SecurityMessages>;

/** What a settings widget translates with: the common strings and errors, and its own. */
export type SecurityT = Messages & SecurityMessages;

export function securityStrings(locale: Locale): SecurityT {
  return { ...messages[locale], ...securityMessages[locale] };
}
