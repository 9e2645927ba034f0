import type { ApiClient, Credentials } from "../runtime/api-client.js";
import type { Page } from "../runtime/api-types.js";
import type { Rights } from "../runtime/rights.js";

/**
 * The shapes and calls of the shared-access API (`/users`, `/roles`, `/invitations`, `/audit`,
 * `/me/accounts`), written after the contract. They travel in the access chunk.
 */

export type MemberStatus = "active" | "suspended" | "removed";

export interface Member {
  id: string;
  email: string;
  name: string;
  role: "owner" | "member";
  status: MemberStatus;
  roles: string[];
  permissions: string[];
  serviceScope: string[] | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface Role {
  /** `accountant`, `sysadmin`, `viewer`, or a custom role's `rol_…` id. */
  key: string;
  name: string;
  builtIn: boolean;
  rights: Rights;
  holders: number;
}

export interface Invitation {
  id: string;
  email: string;
  roles: string[];
  serviceIds: string[] | null;
  status: "pending" | "accepted" | "revoked" | "expired";
  createdAt: string;
  expiresAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: {
    kind: "user" | "staff" | "system" | "handoff";
    id: string | null;
    name: string;
    staffId: string | null;
    ip: string | null;
    userAgent: string | null;
  };
  action: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

export interface AuditFilters {
  action?: string;
  actorKind?: AuditEntry["actor"]["kind"];
  from?: string;
  to?: string;
}

export interface MyAccount {
  id: string;
  name: string;
  kind: "person" | "company";
  role: "owner" | "member";
  current: boolean;
}

/** What a member may reach: roles, and the services they are limited to (null: all). */
export interface MemberAccess {
  roles: string[];
  serviceIds: string[] | null;
}

const at = (path: string, id: string) => `${path}/${encodeURIComponent(id)}`;

export const accessApi = {
  members: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ items: Member[] }> => api.request("GET", "/users", { credentials: c, signal }),
  setAccess: (api: ApiClient, id: string, access: MemberAccess, c: Credentials): Promise<void> =>
    api.request("PUT", `${at("/users", id)}/access`, { body: access, credentials: c }),
  setStatus: (api: ApiClient, id: string, status: "active" | "suspended", c: Credentials): Promise<void> =>
    api.request("PUT", `${at("/users", id)}/status`, { body: { status }, credentials: c }),
  remove: (api: ApiClient, id: string, c: Credentials): Promise<void> => api.request("DELETE", at("/users", id), { credentials: c }),
  /** Hands the account over to `id` (the caller becomes a member): the caller's password again, and their code when a second factor is on. */
  transfer: (api: ApiClient, id: string, proof: { password: string; code?: string }, c: Credentials): Promise<void> =>
    api.request("PUT", `${at("/users", id)}/role`, { body: { role: "owner", transfer: true, ...proof }, credentials: c }),
  createUser: (
    api: ApiClient,
    body: { email: string; name: string; password: string; currentPassword: string; code?: string } & MemberAccess,
    c: Credentials,
  ): Promise<{ id: string; email: string }> => api.request("POST", "/users", { body, credentials: c }),

  invitations: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ items: Invitation[] }> =>
    api.request("GET", "/users/invitations", { credentials: c, signal }),
  invite: (
    api: ApiClient,
    body: { email: string; password: string; code?: string } & MemberAccess,
    c: Credentials,
  ): Promise<{ invitation: Invitation; link: string }> => api.request("POST", "/users/invitations", { body, credentials: c }),
  resend: (api: ApiClient, id: string, c: Credentials): Promise<{ invitation: Invitation; link: string }> =>
    api.request("POST", `${at("/users/invitations", id)}/resend`, { credentials: c }),
  revoke: (api: ApiClient, id: string, c: Credentials): Promise<void> => api.request("POST", `${at("/users/invitations", id)}/revoke`, { credentials: c }),
  peekInvitation: (api: ApiClient, token: string, signal?: AbortSignal): Promise<{ email: string; accountName: string; expiresAt: string }> =>
    api.request("GET", at("/invitations", token), { signal }),
  accept: (
    api: ApiClient,
    body: { token: string; name?: string; password?: string; locale?: string; mode: "cookie" | "bearer" },
    c: Credentials,
  ): Promise<{ accountId: string; userId: string; token: string | null }> => api.request("POST", "/invitations/accept", { body, credentials: c }),

  roles: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ items: Role[] }> => api.request("GET", "/roles", { credentials: c, signal }),
  createRole: (api: ApiClient, body: { name: string; rights: Rights }, c: Credentials): Promise<Role> =>
    api.request("POST", "/roles", { body, credentials: c }),
  updateRole: (api: ApiClient, key: string, body: { name?: string; rights?: Rights }, c: Credentials): Promise<Role> =>
    api.request("PATCH", at("/roles", key), { body, credentials: c }),
  deleteRole: (api: ApiClient, key: string, c: Credentials): Promise<void> => api.request("DELETE", at("/roles", key), { credentials: c }),

  audit: (api: ApiClient, query: AuditFilters & { cursor?: string; limit?: number }, c: Credentials, signal?: AbortSignal): Promise<Page<AuditEntry>> =>
    api.request("GET", "/audit", { query: { ...query }, credentials: c, signal }),
  auditCsvPath: "/audit/export",

  myAccounts: (api: ApiClient, c: Credentials, signal?: AbortSignal): Promise<{ items: MyAccount[] }> =>
    api.request("GET", "/me/accounts", { credentials: c, signal }),
};
