import { definePlugin, TOKENS, type BrandLookup } from "@cabinet/core";
import { EmailChannel } from "./email-channel.js";
import { emailOptionsSchema } from "./email-options.js";

export { EmailChannel } from "./email-channel.js";
export { EmailTemplates, type TemplateData } from "./email-templates.js";
export { emailOptionsSchema, type EmailOptions } from "./email-options.js";

/**
 * `notify-email`: the `email` notification channel — SMTP through nodemailer, a sender per
 * brand, Handlebars templates (HTML and text) in English and Russian that a brand may replace.
 *
 * @example
 * { "plugins": [{ "name": "notify-email", "module": "@cabinet/plugin-notify-email", "options": {
 *     "smtp": { "host": "smtp.example.com", "port": 587, "auth": { "user": "cabinet", "pass": "…" } },
 *     "from": "Example Hosting <noreply@example.com>",
 *     "senders": { "acme": "Acme Hosting <support@acme.example>" } } }] }
 */
export default definePlugin({
  name: "notify-email",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: emailOptionsSchema,
  register({ options, container, config, provide }) {
    provide("notification-channel", new EmailChannel(options, container.resolve<BrandLookup>(TOKENS.Brands), () => config.http.publicUrl));
  },
  shutdown({ extensions }) {
    (extensions.get("notification-channel", "email") as EmailChannel | undefined)?.close();
  },
});
