/**
 * The sections of an account that rights are granted on. The first four are the permission
 * names users held before roles existed (and still may hold: each grants every action of its
 * section); `audit` is the account's audit log.
 */
export const permissions = ["services", "finance", "documents", "support"] as const;
export type Permission = (typeof permissions)[number];
export const sections = [...permissions, "audit"] as const;
export type Section = (typeof sections)[number];

/** What a right allows in a section (BILLmanager's rights table, column by column). */
export const rightActions = ["view", "order", "change", "delete", "pay", "export"] as const;
export type RightAction = (typeof rightActions)[number];
/** Rights as section → actions; a section absent is a section the user cannot even see. */
export type Rights = Partial<Record<Section, RightAction[]>>;

export type UserRole = "owner" | "member";

/** The signed-in caller of a request, as the session and the user's current record say. */
export interface AuthContext {
  sessionId: string;
  userId: string;
  /** The account the session acts in (a person may belong to several; see the account switcher). */
  accountId: string;
  brandId: string;
  role: UserRole;
  /** The legacy sections the caller may see (all four for the owner); derived from `rights`. */
  permissions: Permission[];
  /** What the caller may do, section by section: every role they hold, the most permissive wins. */
  rights: Rights;
  /** Services the caller is limited to, or null for every service of the account. */
  serviceScope: string[] | null;
  /** The user's display name, for the audit log. */
  name: string;
  /** The user's language as stored (PATCH /me); the brand's locales are checked where it is used (`requestLocale`). */
  locale?: string;
  /** Created by the owner with a handed-over password: only /me, sign-out and the password change until it is changed. */
  mustChangePassword: boolean;
  /** "Sign in as client": the staff member behind this session, and whether they may act or only read. */
  staffId: string | null;
  staffMode: "read" | "act" | null;
  /** How the session token arrived: cookie-authenticated unsafe requests need the CSRF header. */
  via: "cookie" | "bearer";
  csrfToken: string;
  expiresAt: number;
  /** The brand requires a second factor and the user has none on yet: only the routes to turn it on are open. */
  secondFactorMissing?: boolean;
}

type RightsHolder = Pick<AuthContext, "role"> & Partial<Pick<AuthContext, "permissions" | "rights">>;

/** Whether the caller may `action` in `section`. The owner may do everything. */
export function hasRight(auth: RightsHolder, section: Section, action: RightAction): boolean {
  if (auth.role === "owner") return true;
  if (auth.rights) return auth.rights[section]?.includes(action) ?? false;
  // A caller described without rights (older code paths): a legacy permission grants it all.
  return (auth.permissions as readonly string[] | undefined)?.includes(section) ?? false;
}

/** Whether the caller may see `permission`'s section at all (what notifications follow). */
export function hasPermission(auth: RightsHolder, permission: Section): boolean {
  return hasRight(auth, permission, "view");
}

/** The legacy permissions a user effectively holds (all of them for the owner). */
export function effectivePermissions(role: UserRole, granted: Permission[], rights?: Rights): Permission[] {
  if (role === "owner") return [...permissions];
  return permissions.filter((p) => granted.includes(p) || rights?.[p]?.includes("view"));
}
