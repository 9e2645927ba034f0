/** What an invited user may do besides reading: the owner holds every permission. */
export const permissions = ["services", "finance", "documents", "support"] as const;
export type Permission = (typeof permissions)[number];

export type UserRole = "owner" | "member";

/** The signed-in caller of a request, as the session and the user's current record say. */
export interface AuthContext {
  sessionId: string;
  userId: string;
  accountId: string;
  brandId: string;
  role: UserRole;
  permissions: Permission[];
  /** How the session token arrived: cookie-authenticated unsafe requests need the CSRF header. */
  via: "cookie" | "bearer";
  csrfToken: string;
  expiresAt: number;
  /** The brand requires a second factor and the user has none on yet: only the routes to turn it on are open. */
  secondFactorMissing?: boolean;
}

export function hasPermission(auth: Pick<AuthContext, "role" | "permissions">, permission: Permission): boolean {
  return auth.role === "owner" || auth.permissions.includes(permission);
}

/** The permissions a user effectively holds (all of them for the owner). */
export function effectivePermissions(role: UserRole, granted: Permission[]): Permission[] {
  return role === "owner" ? [...permissions] : permissions.filter((p) => granted.includes(p));
}
