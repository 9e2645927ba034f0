import { definePlugin } from "@cabinet/core";
import { OidcAuthProvider } from "./oidc-auth-provider.js";
import { oidcOptionsSchema } from "./oidc-options.js";

export { OidcAuthProvider } from "./oidc-auth-provider.js";
export { oidcOptionsSchema, type OidcOptions, type OidcIssuerOptions } from "./oidc-options.js";

/**
 * Sign-in with any OpenID Connect issuer: one `auth-provider` per configured issuer, each with
 * its own client and button label, offered by all brands or the ones listed.
 *
 * @example
 * { "name": "auth-oidc", "module": "@cabinet/plugin-auth-oidc", "options": { "providers": [
 *   { "id": "gitlab", "label": "GitLab", "issuer": "https://gitlab.com", "clientId": "…", "clientSecret": "…" } ] } }
 */
export default definePlugin({
  name: "auth-oidc",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: oidcOptionsSchema,
  register({ options, provide }) {
    for (const issuer of options.providers) provide("auth-provider", new OidcAuthProvider(issuer));
  },
});
