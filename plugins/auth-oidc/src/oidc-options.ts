import { Type, type Static } from "@cabinet/core";

/** One OpenID Connect issuer: any that publishes a discovery document (Google, GitLab, Keycloak…). */
export const OidcIssuerSchema = Type.Object(
  {
    /** kebab-case, unique in the core; in URLs (`/auth/external/<id>/start`). */
    id: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,63}$" }),
    /** The button's text: "Google", "GitLab". */
    label: Type.String({ minLength: 1, maxLength: 60 }),
    /** The issuer URL; its `/.well-known/openid-configuration` is read on first use. */
    issuer: Type.String({ pattern: "^https?://", maxLength: 500 }),
    clientId: Type.String({ minLength: 1, maxLength: 500 }),
    clientSecret: Type.String({ minLength: 1, maxLength: 500 }),
    /** Brand slugs that offer it; every brand when absent. */
    brands: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1 })),
    scope: Type.String({ default: "openid email profile", maxLength: 500 }),
    /** Plain http to the issuer: for a local test issuer only, never in production. */
    allowInsecureRequests: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const oidcOptionsSchema = Type.Object({ providers: Type.Array(OidcIssuerSchema, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false });

export type OidcIssuerOptions = Static<typeof OidcIssuerSchema>;
export type OidcOptions = Static<typeof oidcOptionsSchema>;
