import type { Static } from "@sinclair/typebox";
import type { Brand } from "./brand.js";
import type { BrandView } from "./brands.schemas.js";

/** A brand as the CLI and the staff API show it: every setting, with its id and version. */
export function describeBrand(brand: Brand): Static<typeof BrandView> {
  return {
    id: brand.id,
    slug: brand.slug,
    version: brand.version,
    name: brand.name,
    defaultCurrency: brand.defaultCurrency,
    currencies: brand.currencies,
    defaultLocale: brand.defaultLocale,
    locales: brand.locales,
    allowedOrigins: brand.allowedOrigins,
    signUpOpen: brand.signUpOpen,
    handoffCreatesAccounts: brand.handoffCreatesAccounts,
    statementMaxDays: brand.statementMaxDays,
    announceStaffSignIn: brand.announceStaffSignIn,
    legal: brand.legal,
    support: brand.support,
    vatRateBp: brand.vatRateBp,
    vatInclusive: brand.vatInclusive,
    invoicePrefix: brand.invoicePrefix,
    topUp: brand.topUp,
    theme: brand.theme,
    emailSender: brand.emailSender,
    templateSet: brand.templateSet,
    gateways: brand.gateways,
  } as Static<typeof BrandView>;
}
