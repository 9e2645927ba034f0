import * as client from "openid-client";
import type { AuthProvider, ExternalSignInResult } from "@cabinet/core";
import type { OidcIssuerOptions } from "./oidc-options.js";

/**
 * An `auth-provider` for one OpenID Connect issuer, through openid-client: the authorization
 * code flow with PKCE (S256), `state` and `nonce` (all minted and kept by the core). The
 * issuer's discovery document is read on first use and kept; a failed read is tried again next time.
 *
 * @example
 * new OidcAuthProvider({ id: "gitlab", label: "GitLab", issuer: "https://gitlab.com", clientId, clientSecret, scope: "openid email profile", allowInsecureRequests: false });
 */
export class OidcAuthProvider implements AuthProvider {
  readonly id: string;
  readonly label: string;
  readonly brands?: readonly string[];
  private configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly options: OidcIssuerOptions) {
    this.id = options.id;
    this.label = options.label;
    this.brands = options.brands;
  }

  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.options.issuer),
        this.options.clientId,
        this.options.clientSecret,
        undefined,
        this.options.allowInsecureRequests ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  async startSignIn(request: { state: string; nonce: string; codeChallenge: string; redirectUri: string }): Promise<{ url: string }> {
    const configuration = await this.discover();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: request.redirectUri,
      scope: this.options.scope,
      response_type: "code",
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: "S256",
    });
    return { url: url.href };
  }

  async completeSignIn(request: {
    callbackUrl: string;
    state: string;
    nonce: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<ExternalSignInResult> {
    const configuration = await this.discover();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      // Checks the state, exchanges the code with the PKCE verifier, and validates the ID token
      // (signature, issuer, audience, expiry, nonce).
      tokens = await client.authorizationCodeGrant(configuration, new URL(request.callbackUrl), {
        pkceCodeVerifier: request.codeVerifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      return { status: "failed", reason: describe(error) };
    }
    const claims = tokens.claims();
    if (!claims) return { status: "failed", reason: "no ID token" };
    let profile: Record<string, unknown> = claims;
    // Many issuers put the e-mail in the ID token; others only at the userinfo endpoint.
    if (claims.email === undefined && tokens.access_token) {
      try {
        profile = { ...(await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)), ...claims };
      } catch (error) {
        return { status: "failed", reason: `userinfo: ${describe(error)}` };
      }
    }
    const email = typeof profile.email === "string" ? profile.email : undefined;
    const name = typeof profile.name === "string" ? profile.name : undefined;
    return { status: "ok", subject: claims.sub, email, emailVerified: profile.email_verified === true, name };
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; error?: string; message?: string };
  return [e.code, e.error, e.message].filter(Boolean).join(": ").slice(0, 200) || "failed";
}
