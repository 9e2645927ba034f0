import { definePlugin, TOKENS, type BrandLookup } from "@cabinet/core";
import { BankTransferGateway, bankTransferOptionsSchema } from "./bank-transfer-gateway.js";

export { BankTransferGateway, bankTransferOptionsSchema, formatMoney, type BankTransferOptions } from "./bank-transfer-gateway.js";
export { transferReference } from "./transfer-reference.js";

/**
 * Payments by bank transfer: registers the `bank-transfer` payment gateway. Clients get the
 * brand's bank details (set `legal.bank` on the brand) and a reference to quote; staff find the
 * transfer by that reference and confirm the amount that arrived
 * (`POST /api/v1/staff/payments/:id/confirm-transfer`), which credits the balance.
 *
 * @example
 * // cabinet.config.json
 * { "plugins": [{ "name": "payment-bank-transfer", "module": "@cabinet/plugin-payment-bank-transfer",
 *     "options": { "displayName": "Bank transfer" } }] }
 */
export default definePlugin({
  name: "payment-bank-transfer",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: bankTransferOptionsSchema,
  register({ options, provide, container }) {
    provide("payment-gateway", new BankTransferGateway(container.resolve<BrandLookup>(TOKENS.Brands), options));
  },
});
