/**
 * The shapes of the Cabinet HTTP API (`/api/v1`) that the widgets use, written by hand after
 * the core's OpenAPI document (`GET /api/v1/openapi.json`). The widgets depend on the API's
 * public contract only, never on the core's source.
 */

export type SessionMode = "cookie" | "bearer";

export type Permission = "services" | "finance" | "documents" | "support";

export interface User {
  id: string;
  email: string;
  name: string;
  role: "owner" | "member";
  permissions: Permission[];
  locale: string;
}

export interface Account {
  id: string;
  name: string;
  kind: "person" | "company";
  /** ISO 4217 code: every amount of this account is in minor units of it. */
  currency: string;
}

/** `GET /me`: who is signed in. */
export interface Me {
  user: User;
  account: Account;
  brand: { slug: string; name: string };
  session: { csrfToken: string; expiresAt: string; via: SessionMode };
}

/** `POST /auth/sign-in`: `Me` plus the bearer token (mode `bearer` only). */
export interface SignedIn extends Me {
  token: string | null;
}

export const serviceStatuses = [
  "pending_payment",
  "provisioning",
  "provisioning_failed",
  "active",
  "suspended",
  "cancelled",
  "deleted",
] as const;

export type ServiceStatus = (typeof serviceStatuses)[number];

/** An amount of money: integer minor units (cents) plus an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

export interface Service {
  id: string;
  label: string | null;
  status: ServiceStatus;
  product: { id: string; code: string; name: string; type: string };
  parameters: Record<string, string | number | boolean>;
  /** Per period of `periodMonths` months. */
  price: Money;
  periodMonths: number;
  paidUntil: string | null;
  autoRenew: boolean;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListServicesQuery {
  status?: ServiceStatus;
  limit?: number;
  cursor?: string;
}
