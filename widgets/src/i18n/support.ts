import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { supportEn, type SupportMessages } from "./support.en.js";
import { russianCatalogs } from "./locales.js";

export type { SupportMessages };

export const supportMessages = {
  en: supportEn,
  get ru(): SupportMessages {
    return russianCatalogs()?.support ?? supportEn;
  },
} satisfies Record<Locale, SupportMessages>;

/** What a support widget translates with: the common strings and errors (support's among them), and support's own. */
export type SupportT = Messages & SupportMessages;

/** The merged strings of `locale`, made once per locale (kept by the caller). */
export function supportStrings(locale: Locale): SupportT {
  const common = messages[locale];
  const own = supportMessages[locale];
  // Support's error codes join the common ones, so describeError finds them.
  return { ...common, ...own, errors: { ...common.errors, ...own.supportErrors } };
}
