/**
 * What the HTTP layer knows of a request's caller and brand, and the services it needs to
 * find them. The HTTP layer knows no domain module: the accounts, staff and brands modules
 * implement these interfaces, the composition root registers them under their TOKENS, and
 * each of those modules widens the matching type below with its own (TypeScript declaration
 * merging, in the module's index.ts) so that route handlers see the full domain type:
 *
 * @example
 * // core/src/modules/brands/index.ts
 * declare module "../../http/callers.js" {
 *   interface RequestBrand extends Brand {}
 * }
 */

/** A signed-in client (user of an account). The accounts module widens it to its `AuthContext`. */
export interface ClientCaller {
  brandId: string;
  userId: string;
  /** The user's display name, for the audit log. */
  name: string;
  /** Services the caller is limited to, or null for every service of the account. */
  serviceScope: string[] | null;
  /** Must change a handed-over password first: the `password-change` guard stops the rest. */
  mustChangePassword: boolean;
  /** "Sign in as client": the staff member behind this session, and whether they may act or only read. */
  staffId: string | null;
  staffMode: "read" | "act" | null;
  /** How the session token arrived: cookie-authenticated unsafe requests need the CSRF header. */
  via: "cookie" | "bearer";
  csrfToken: string;
  /** The brand requires a second factor and this user has none yet: the `two-factor-setup` guard stops the rest. */
  secondFactorMissing?: boolean;
}

/** A signed-in staff member. The staff module widens it to its `StaffAuthContext`. */
export interface StaffCaller {
  kind: "staff";
  staffId: string;
  brandId: string;
  /** For the audit log. */
  name?: string;
}

/** The brand a request is for. The brands module widens it to its `Brand`. */
export interface RequestBrand {
  id: string;
  slug: string;
  /** Origins (scheme://host[:port]) allowed to call the API cross-site. */
  allowedOrigins: string[];
}

/** A section of the account a client route is in: whatever the widened `ClientCaller` holds rights on. */
export type RoutePermission = ClientCaller extends { rights: infer R } ? keyof R & string : string;
/** What a right allows in a section: whatever the widened `ClientCaller`'s rights list. */
export type RouteAction = ClientCaller extends { rights: infer R } ? (NonNullable<R[keyof R]> extends (infer A)[] ? A : string) : string;
/** A staff role a staff route may require: whatever the widened `StaffCaller` holds. */
export type RouteStaffRole = StaffCaller extends { role: infer R } ? R : string;

/** Finds the client behind a session token (`TOKENS.ClientAuthenticator`). */
export interface ClientAuthenticator {
  /** Undefined when the token is unknown, expired, revoked or suspended. */
  authenticate(token: string, via: ClientCaller["via"]): Promise<ClientCaller | undefined>;
  /** Whether the caller may `action` in the section (an owner may do everything). */
  hasRight(caller: ClientCaller, section: RoutePermission, action: RouteAction): boolean;
  /** Whether the caller is the account's owner in person (not a staff member signed in as them). */
  isOwner(caller: ClientCaller): boolean;
}

/** Finds the staff member behind a bearer token (`TOKENS.StaffAuthenticator`). */
export interface StaffAuthenticator {
  authenticate(token: string): Promise<StaffCaller | undefined>;
  /** Whether the staff member holds one of the roles. */
  hasRole(caller: StaffCaller, roles: RouteStaffRole[]): boolean;
}

/** Brands by slug, id and allowed origin (`TOKENS.BrandResolver`), cached by its implementation. */
export interface BrandResolver {
  bySlug(slug: string): Promise<RequestBrand | undefined>;
  byId(id: string): Promise<RequestBrand | undefined>;
  byOrigin(origin: string): Promise<RequestBrand | undefined>;
}
