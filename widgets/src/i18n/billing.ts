import type { Locale, Messages } from "./index.js";
import { messages } from "./index.js";
import { billingEn, type BillingMessages } from "./billing.en.js";
import { russianCatalogs } from "./locales.js";

export type { BillingMessages };

export const billingMessages = {
  en: billingEn,
  get ru(): BillingMessages {
    return russianCatalogs()?.billing ?? billingEn;
  },
} satisfies Record<Locale, BillingMessages>;

/** What a billing widget translates with: the common strings and errors, and billing's own. */
export type BillingT = Messages & BillingMessages;

/** The merged strings of `locale`, made once per locale (kept by the caller). */
export function billingStrings(locale: Locale): BillingT {
  return { ...messages[locale], ...billingMessages[locale] };
}
