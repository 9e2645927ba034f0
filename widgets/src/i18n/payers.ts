import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { payersEn, type PayersMessages } from "./payers.en.js";
import { russianCatalogs } from "./locales.js";

export type { PayersMessages };

export const payersMessages = {
  en: payersEn,
  get ru(): PayersMessages {
    return russianCatalogs()?.payers ?? payersEn;
  },
} satisfies Record<Locale, PayersMessages>;

/** What `<cab-payers>` translates with: the common strings and errors, and the payers' own. */
export type PayersT = Messages & PayersMessages;

export function payersStrings(locale: Locale): PayersT {
  return { ...messages[locale], ...payersMessages[locale] };
}
