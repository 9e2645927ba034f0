/** An identity at an external provider (OpenID Connect `sub`), bound to one user of a brand. */
export interface ExternalIdentity {
  id: string;
  brandId: string;
  userId: string;
  provider: string;
  subject: string;
  email: string | null;
  createdAt: number;
}

/** One round trip to a provider, from `start` to the callback and the page's exchange. */
export interface ExternalSignInState {
  id: string;
  brandId: string;
  provider: string;
  purpose: "sign-in" | "bind";
  userId: string | null;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  mode: "cookie" | "bearer";
  /** Signing in to accept an invitation: its token's hash (the invitee joins the inviting account at the callback). */
  invitationHash?: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** How long a round trip may take at the provider (typing a password, consenting). */
export const STATE_TTL_MS = 10 * 60_000;
/** How long the page has to exchange its one-time code once back. */
export const RESULT_TTL_MS = 2 * 60_000;
