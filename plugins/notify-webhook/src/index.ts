import { definePlugin, TOKENS, type Clock, type Database } from "@cabinet/core";
import { endpointRoutes } from "./endpoint-routes.js";
import { WebhookChannel } from "./webhook-channel.js";
import { webhookOptionsSchema } from "./webhook-options.js";
import { WebhookStore, webhookMigrations } from "./webhook-store.js";

export { WebhookChannel } from "./webhook-channel.js";
export { signWebhook, verifyWebhook, webhookHeaders } from "./webhook-signature.js";
export { webhookOptionsSchema, type WebhookOptions } from "./webhook-options.js";

/**
 * `notify-webhook`: the `webhook` notification channel — a signed POST of each notification to
 * the endpoint an account's owner sets (`PUT /api/v1/plugins/notify-webhook/endpoint`) and to
 * the provider's own endpoint, if the options name one.
 *
 * @example
 * { "plugins": [{ "name": "notify-webhook", "module": "@cabinet/plugin-notify-webhook",
 *     "options": { "endpoint": { "url": "https://crm.example.com/cabinet-events", "secret": "a long random string" } } }] }
 */
export default definePlugin({
  name: "notify-webhook",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: webhookOptionsSchema,
  migrations: webhookMigrations,
  register({ options, container, provide }) {
    // The schema checks the scheme only; a URL that does not parse would fail every delivery.
    if (options.endpoint && !URL.canParse(options.endpoint.url)) throw new Error(`endpoint.url is not a URL: ${options.endpoint.url}`);
    const clock = container.resolve<Clock>(TOKENS.Clock);
    const store = new WebhookStore(container.resolve<Database>(TOKENS.Database), () => clock.now());
    provide(
      "notification-channel",
      new WebhookChannel(store, {
        providerEndpoint: options.endpoint,
        timeoutMs: options.timeoutMs,
        allowInternal: allowsInternal(options.allowPrivateAddresses),
        nowSeconds: () => Math.floor(clock.now() / 1000),
      }),
    );
  },
  routes({ options, container }) {
    const clock = container.resolve<Clock>(TOKENS.Clock);
    return endpointRoutes(new WebhookStore(container.resolve<Database>(TOKENS.Database), () => clock.now()), allowsInternal(options.allowPrivateAddresses));
  },
});

/**
 * Whether accounts may point their webhook inside the provider's network: only when the
 * options say so. (It once followed `env`, and a provider who left `env` at its default exposed
 * its network; a test or a demo that posts to a local receiver sets `allowPrivateAddresses`.)
 */
function allowsInternal(option: boolean | undefined): boolean {
  return option ?? false;
}
