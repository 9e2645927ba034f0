import type { ApiClient, Credentials } from "../runtime/api-client.js";
import type { Me } from "../runtime/api-types.js";

/**
 * The shapes and calls of the settings and security API (`/me`, `/me/password`, `/me/email`,
 * `/me/sessions`, `/me/two-factor`, `/me/passkeys`), written after the contract. They travel
 * in the settings chunk, not the shared runtime.
 */

export interface ProfileChanges {
  name?: string;
  phone?: string | null;
  locale?: string;
  accountLocale?: string;
  timezone?: string;
  rowsPerPage?: number;
}

export interface Reauth {
  password?: string;
  code?: string;
}

export interface SessionInfo {
  id: string;
  current: boolean;
  ip: string;
  userAgent: string;
  device: { browser: string | null; os: string | null; deviceType: string };
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface TwoFactorStatus {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
  /** An SVG image of the QR code, made by the core (no third-party service sees the secret). */
  qrSvg: string;
}

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export function securityApi(api: ApiClient, credentials: Credentials) {
  return {
    updateProfile: (changes: ProfileChanges) => api.request<Me>("PATCH", "/me", { body: changes, credentials }),
    changePassword: (body: { newPassword: string } & Reauth) => api.request<{ ended: number }>("POST", "/me/password", { body, credentials }),
    changeEmail: (body: { newEmail: string; page?: string } & Reauth) => api.request<{ accepted: true }>("POST", "/me/email", { body, credentials }),
    resendVerification: (page?: string) => api.request<void>("POST", "/me/email/verification", { body: { page }, credentials }),
    sessions: () => api.request<{ items: SessionInfo[] }>("GET", "/me/sessions", { credentials }),
    endSession: (id: string) => api.request<void>("DELETE", `/me/sessions/${encodeURIComponent(id)}`, { credentials }),
    endOtherSessions: () => api.request<{ ended: number }>("POST", "/me/sessions/end-others", { credentials }),
    twoFactor: () => api.request<TwoFactorStatus>("GET", "/me/two-factor", { credentials }),
    startTwoFactor: (body: Reauth) => api.request<TwoFactorSetup>("POST", "/me/two-factor/setup", { body, credentials }),
    confirmTwoFactor: (code: string) => api.request<{ recoveryCodes: string[] }>("POST", "/me/two-factor/confirm", { body: { code }, credentials }),
    disableTwoFactor: (body: Reauth) => api.request<void>("POST", "/me/two-factor/disable", { body, credentials }),
    regenerateRecoveryCodes: (body: Reauth) => api.request<{ recoveryCodes: string[] }>("POST", "/me/two-factor/recovery-codes", { body, credentials }),
    passkeys: () => api.request<{ items: Passkey[] }>("GET", "/me/passkeys", { credentials }),
  };
}

/** The page the e-mailed links open: this one, without its fragment. */
export function thisPage(): string {
  return location.href.split("#")[0];
}
