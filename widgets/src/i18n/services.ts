import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { servicesEn, type ServicesMessages } from "./services.en.js";
import { russianCatalogs } from "./locales.js";

export type { ServicesMessages };

export const servicesMessages = {
  en: servicesEn,
  get ru(): ServicesMessages {
    return russianCatalogs()?.services ?? servicesEn;
  },
} satisfies Record<Locale, ServicesMessages>;

/** What a services widget translates with: the common strings and errors, and the services' own. */
export type ServicesT = Messages & ServicesMessages;

/** The merged strings of `locale`, made once per locale (kept by the caller). */
export function servicesStrings(locale: Locale): ServicesT {
  return { ...messages[locale], ...servicesMessages[locale] };
}
