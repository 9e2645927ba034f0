import type { PaymentGateway } from "../../extension-points/payment-gateway.js";
import { textLanguage, type LocalizedName } from "../../i18n/index.js";

/**
 * A gateway's name as a ledger text prints it, in every language its plugin names it in. English
 * is the gateway's id, as in the ledger lines written before gateways had names per language
 * ("Top-up via sandbox"); a gateway no longer installed is named by its id in every language.
 */
export function gatewayLedgerName(gatewayId: string, gateway: Pick<PaymentGateway, "displayNames"> | undefined): LocalizedName {
  return { names: { ...gateway?.displayNames, en: gatewayId } };
}

/** What the client chooses a gateway by, in `locale`: its name there, else its `displayName`. */
export function gatewayDisplayName(gateway: Pick<PaymentGateway, "displayName" | "displayNames">, locale: string): string {
  const language = textLanguage(locale);
  return gateway.displayNames?.[language] ?? gateway.displayNames?.[locale] ?? gateway.displayName;
}
