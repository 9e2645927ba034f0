import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { servicePanelEn, type ServicePanelMessages } from "./service-panel.en.js";
import { servicePanelRu } from "./service-panel.ru.js";

export const servicePanelMessages = { en: servicePanelEn, ru: servicePanelRu } satisfies Record<Locale, ServicePanelMessages>;

/** What `<cab-service-panel>` translates with: the common strings and errors, and its own. */
export type ServicePanelT = Messages & ServicePanelMessages;

export function servicePanelStrings(locale: Locale): ServicePanelT {
  return { ...messages[locale], ...servicePanelMessages[locale] };
}
