import type { ApiClient, Credentials } from "../runtime/api-client.js";
import type { SignedIn } from "../runtime/api-types.js";

/**
 * The shapes and calls of the privacy API (`/consents`, `/legal-documents`, `/privacy/…`),
 * written after the contract. They travel in the privacy chunk, not the shared runtime.
 */

export type LegalDocumentKind = "privacy_policy" | "terms" | "marketing_email" | "marketing_sms";
export type ConsentDecision = "accepted" | "declined";

export interface LegalDocument {
  id: string;
  kind: LegalDocumentKind;
  version: number;
  title: string;
  /** Plain text (or Markdown): always rendered as text. */
  body: string;
  effectiveAt: string;
  mustAgree: boolean;
  showOnSignUp: boolean;
  showAfterSignIn: boolean;
}

export interface Consents {
  documents: (LegalDocument & { decision: ConsentDecision | null; decidedAt: string | null })[];
  required: string[];
  suggested: string[];
}

export interface ConsentRecord {
  id: string;
  documentId: string;
  kind: LegalDocumentKind;
  version: number;
  decision: ConsentDecision;
  ip: string;
  decidedAt: string;
}

export interface DataExport {
  id: string;
  status: "queued" | "building" | "ready" | "failed" | "expired";
  progress: number;
  size: number | null;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
}

export interface PrivacyRequest {
  id: string;
  kind: "erasure" | "restriction";
  status: "pending" | "approved" | "refused";
  reason: string | null;
  staffNote: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface ExternalSignIn {
  providers: { id: string; label: string }[];
  identities: { id: string; provider: string; label: string; email: string | null; createdAt: string }[];
  hasPassword: boolean;
  /** How many passkeys the user has (each one is a way to sign in too). */
  passkeys: number;
  /** A second factor is on: binding and unbinding ask for its code as well. */
  twoFactor: boolean;
}

export const privacyApi = {
  consents: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<Consents> => api.request("GET", "/consents", { credentials: c, signal }),

  decide: (api: ApiClient, decisions: { documentId: string; decision: ConsentDecision }[], c: Credentials): Promise<{ items: ConsentRecord[] }> =>
    api.request("POST", "/consents", { body: { decisions }, credentials: c }),

  history: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ items: ConsentRecord[] }> =>
    api.request("GET", "/consents/history", { credentials: c, signal }),

  exports: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ items: DataExport[] }> =>
    api.request("GET", "/privacy/exports", { credentials: c, signal }),

  /** Re-authenticated: the password (when the user has one) and the code (when a second factor is on). */
  requestExport: (api: ApiClient, reauth: { password?: string; code?: string }, c: Credentials): Promise<DataExport> =>
    api.request("POST", "/privacy/exports", { body: reauth, credentials: c }),

  exportPath: (id: string): string => `/privacy/exports/${encodeURIComponent(id)}/download`,

  requests: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ items: PrivacyRequest[] }> =>
    api.request("GET", "/privacy/requests", { credentials: c, signal }),

  fileRequest: (api: ApiClient, kind: PrivacyRequest["kind"], reason: string, c: Credentials): Promise<PrivacyRequest> =>
    api.request("POST", "/privacy/requests", { body: reason ? { kind, reason } : { kind }, credentials: c }),

  providers: (api: ApiClient, signal?: AbortSignal): Promise<{ items: { id: string; label: string }[] }> =>
    api.request("GET", "/auth/external/providers", { signal }),

  startExternal: (
    api: ApiClient,
    provider: string,
    body: { purpose: "sign-in" | "bind"; returnTo: string; mode: "cookie" | "bearer"; password?: string; code?: string; invitation?: string },
    c: Credentials,
  ): Promise<{ url: string }> => api.request("POST", `/auth/external/${encodeURIComponent(provider)}/start`, { body, credentials: c }),

  exchangeExternal: (api: ApiClient, code: string, mode: "cookie" | "bearer"): Promise<SignedIn> =>
    api.request("POST", "/auth/external/exchange", { body: { code }, credentials: { mode } }),

  signInMethods: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<ExternalSignIn> =>
    api.request("GET", "/me/sign-in-methods", { credentials: c, signal }),

  /** Re-authenticated: the password (when the user has one) and the code (when a second factor is on). */
  unbind: (api: ApiClient, id: string, reauth: { password?: string; code?: string }, c: Credentials): Promise<void> =>
    api.request("POST", `/me/external-identities/${encodeURIComponent(id)}/unbind`, { body: reauth, credentials: c }),
};
