import { definePlugin, TOKENS, Type, type Clock, type Database } from "@cabinet/core";
import { checkoutPages } from "./checkout-pages.js";
import { CheckoutStore, sandboxMigrations } from "./checkout-store.js";
import { SandboxGateway } from "./sandbox-gateway.js";

export { SandboxGateway } from "./sandbox-gateway.js";
export { signWebhook } from "./webhook-signature.js";
export { testCards } from "./test-cards.js";

/**
 * `payment-sandbox`: a test payment gateway with its own hosted checkout page and test cards
 * (4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0027 6000 3184 asks
 * for a confirmation), for the demo and the browser tests. It refuses to start in production
 * unless told otherwise: it hands out money for a card number anyone can read.
 *
 * @example
 * { "plugins": [{ "name": "payment-sandbox", "module": "@cabinet/plugin-payment-sandbox", "options": { "webhookSecret": "a long random string" } }] }
 */
export default definePlugin({
  name: "payment-sandbox",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: Type.Object(
    {
      webhookSecret: Type.String({ minLength: 16, maxLength: 200, default: "sandbox-demo-webhook-secret" }),
      allowInProduction: Type.Boolean({ default: false }),
    },
    { additionalProperties: false },
  ),
  migrations: sandboxMigrations,
  register({ options, container, config, logger, provide }) {
    if (config.env === "production" && !options.allowInProduction) {
      throw new Error('Plugin "payment-sandbox" is a test gateway and refuses to run with env "production" (set allowInProduction to override)');
    }
    const clock = container.resolve<Clock>(TOKENS.Clock);
    const store = new CheckoutStore(container.resolve<Database>(TOKENS.Database), () => clock.now());
    provide(
      "payment-gateway",
      new SandboxGateway(store, { webhookSecret: options.webhookSecret, publicUrl: () => config.http.publicUrl! }, logger, () =>
        Math.floor(clock.now() / 1000),
      ),
    );
  },
  pages({ extensions, container }) {
    const gateway = extensions.get("payment-gateway", "sandbox") as SandboxGateway;
    const clock = container.resolve<Clock>(TOKENS.Clock);
    return checkoutPages(new CheckoutStore(container.resolve<Database>(TOKENS.Database), () => clock.now()), gateway);
  },
});
