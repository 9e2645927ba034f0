/**
 * External sign-in (OpenID Connect and the like) and binding of an external identity to a user.
 *
 * @example
 * const provider: AuthProvider = {
 *   id: "gitlab",
 *   displayName: "GitLab",
 *   async startSignIn({ state, nonce, redirectUri }) { return { url: authorizeUrl(state, nonce, redirectUri) }; },
 *   async completeSignIn({ callbackUrl, state, nonce }) { return { status: "ok", subject: "123", email: "a@b.c", emailVerified: true }; },
 * };
 */
export interface AuthProvider {
  readonly id: string;
  readonly displayName: string;
  startSignIn(request: { state: string; nonce: string; redirectUri: string }): Promise<{ url: string; codeVerifier?: string }>;
  completeSignIn(request: { callbackUrl: string; state: string; nonce: string; redirectUri: string; codeVerifier?: string }): Promise<
    | { status: "ok"; subject: string; email?: string; emailVerified?: boolean; name?: string }
    | { status: "failed"; reason: string }
  >;
}
