import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { servicePanelEn, type ServicePanelMessages } from "./service-panel.en.js";
import { russianCatalogs } from "./locales.js";

export const servicePanelMessages = {
  en: servicePanelEn,
  get ru(): ServicePanelMessages {
    return russianCatalogs()?.servicePanel ?? servicePanelEn;
  },
} satisfies Record<Locale, ServicePanelMessages>;

/** What `<cab-service-panel>` translates with: the common strings and errors, and its own. */
export type ServicePanelT = Messages & ServicePanelMessages;

export function servicePanelStrings(locale: Locale): ServicePanelT {
  return { ...messages[locale], ...servicePanelMessages[locale] };
}
