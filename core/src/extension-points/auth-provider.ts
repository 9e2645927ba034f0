/** What a provider proved about the person who signed in with it. */
export type ExternalSignInResult =
  { status: "ok"; subject: string; email?: string; emailVerified?: boolean; name?: string } | { status: "failed"; reason: string };

/**
 * External sign-in (OpenID Connect and the like). The core runs the round trip and keeps its
 * secrets: it mints `state`, `nonce` and the PKCE verifier, stores them (hashed where it can),
 * serves the callback (`redirectUri`, on the core), and decides what an identity may do (sign in,
 * sign up, join, bind). A provider only builds the authorization URL and, on the callback,
 * exchanges the code and checks what it got — state, PKCE, the ID token and its nonce.
 *
 * `id` is unique across the core and appears in URLs (`/auth/external/<id>/start`); `brands`
 * (slugs) limits which brands offer it (every brand when absent).
 *
 * @example
 * const provider: AuthProvider = {
 *   id: "gitlab", label: "GitLab",
 *   async startSignIn({ state, nonce, codeChallenge, redirectUri }) { return { url: authorizeUrl(state, nonce, codeChallenge, redirectUri) }; },
 *   async completeSignIn({ callbackUrl, state, nonce, codeVerifier }) { return { status: "ok", subject: "123", email: "a@b.c", emailVerified: true }; },
 * };
 */
export interface AuthProvider {
  readonly id: string;
  /** The button's text: "Google", "GitLab", "Company SSO". */
  readonly label: string;
  readonly brands?: readonly string[];
  startSignIn(request: { state: string; nonce: string; codeChallenge: string; redirectUri: string }): Promise<{ url: string }>;
  /** Never throws for a refusal (a wrong state, a used code, a bad nonce): answers `failed` with the reason. */
  completeSignIn(request: { callbackUrl: string; state: string; nonce: string; codeVerifier: string; redirectUri: string }): Promise<ExternalSignInResult>;
}
