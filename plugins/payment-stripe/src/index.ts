import { definePlugin } from "@cabinet/core";
import { StripeGateway, stripeOptionsSchema } from "./stripe-gateway.js";

export { StripeGateway, stripeOptionsSchema, type StripeGatewayOptions } from "./stripe-gateway.js";

/**
 * Card payments through Stripe Checkout: registers the `stripe` payment gateway.
 * Point a Stripe webhook endpoint at the core's webhook route for this gateway, subscribed to
 * `checkout.session.completed`, `checkout.session.async_payment_succeeded`,
 * `checkout.session.async_payment_failed`, `checkout.session.expired` and `charge.refunded`.
 *
 * @example
 * // cabinet.config.json
 * { "plugins": [{ "name": "payment-stripe", "module": "@cabinet/plugin-payment-stripe",
 *     "options": { "secretKey": "sk_live_…", "webhookSecret": "whsec_…" } }] }
 */
export default definePlugin({
  name: "payment-stripe",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: stripeOptionsSchema,
  register({ options, provide }) {
    provide("payment-gateway", new StripeGateway(options));
  },
});
