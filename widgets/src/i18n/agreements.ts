import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { agreementsEn, type AgreementsMessages } from "./agreements.en.js";
import { russianCatalogs } from "./locales.js";

export const agreementsMessages = {
  en: agreementsEn,
  get ru(): AgreementsMessages {
    return russianCatalogs()?.agreements ?? agreementsEn;
  },
} satisfies Record<Locale, AgreementsMessages>;

/** What `<cab-contract>` and `<cab-statement-request>` translate with: the common strings and errors, and their own. */
export type AgreementsT = Messages & AgreementsMessages;

export function agreementsStrings(locale: Locale): AgreementsT {
  return { ...messages[locale], ...agreementsMessages[locale] };
}
