import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { accessEn, type AccessMessages } from "./access.en.js";
import { russianCatalogs } from "./locales.js";

export type { AccessMessages };

export const accessMessages = {
  en: accessEn,
  get ru(): AccessMessages {
    return russianCatalogs()?.access ?? accessEn;
  },
} satisfies Record<Locale, AccessMessages>;

/** What an access widget translates with: the common strings and errors (access's among them), and access's own. */
export type AccessT = Messages & AccessMessages;

export function accessStrings(locale: Locale): AccessT {
  const common = messages[locale];
  const own = accessMessages[locale];
  return { ...common, ...own, errors: { ...common.errors, ...own.accessErrors } };
}
