import type { AccessMessages } from "./access.en.js";
import type { PayersMessages } from "./payers.en.js";
import type { AgreementsMessages } from "./agreements.en.js";
import type { ServicePanelMessages } from "./service-panel.en.js";
import type { BillingMessages } from "./billing.en.js";
import type { Messages } from "./en.js";
import type { PrivacyMessages } from "./privacy.en.js";
import type { SecurityMessages } from "./security.en.js";
import type { ServicesMessages } from "./services.en.js";
import type { SupportMessages } from "./support.en.js";

/** Every widget family's Russian strings: one chunk (`russian.ts`), fetched only when a page needs it. */
export interface RussianCatalogs {
  common: Messages;
  billing: BillingMessages;
  services: ServicesMessages;
  support: SupportMessages;
  privacy: PrivacyMessages;
  security: SecurityMessages;
  access: AccessMessages;
  servicePanel: ServicePanelMessages;
  agreements: AgreementsMessages;
  payers: PayersMessages;
}

/** Dispatched on the document once a language's strings have arrived: the widgets render again in it. */
export const LOCALE_LOADED = "cabinet-locale-loaded";

let russian: RussianCatalogs | null = null;
let loading: Promise<void> | null = null;

/** Called by the Russian chunk when it runs. */
export function provideRussian(catalogs: RussianCatalogs): void {
  russian = catalogs;
  if (typeof document !== "undefined") document.dispatchEvent(new Event(LOCALE_LOADED));
}

/** The Russian strings, once loaded; `null` before. */
export function russianCatalogs(): RussianCatalogs | null {
  return russian;
}

/**
 * Fetches the Russian strings (once). English is in every chunk; Russian is not, so an English
 * page never downloads it. The loader asks for it before any widget when the page looks
 * Russian (no English flash); a language switched later arrives here.
 */
export function loadRussian(): Promise<void> {
  loading ??= import("./russian.js").then(
    () => undefined,
    (error: unknown) => {
      loading = null; // a failed fetch may be retried by the next render
      throw error;
    },
  );
  return loading;
}
