import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { servicesEn, type ServicesMessages } from "./services.en.js";
import { servicesRu } from "./services.ru.js";

export type { ServicesMessages };

export const servicesMessages = { en: servicesEn, ru: servicesRu } satisfies Record<Locale, ServicesMessages>;

/** What a services widget translates with: the common strings and errors, and the services' own. */
export type ServicesT = Messages & ServicesMessages;

/** The merged strings of `locale`, made once per locale (kept by the caller). */
export function servicesStrings(locale: Locale): ServicesT {
  return { ...messages[locale], ...servicesMessages[locale] };
}
