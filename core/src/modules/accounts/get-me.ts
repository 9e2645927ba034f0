import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import { effectivePermissions, type AuthContext, type Permission, type Rights, type UserRole } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";
import { combineRights } from "./rights.js";

/** What the user may do in the account: their membership's role, roles, rights and scope. */
export interface Access {
  role: UserRole;
  permissions: Permission[];
  rights: Rights;
  roles: string[];
  serviceScope: string[] | null;
}

/** The signed-in user, their account and brand, and their access: what a widget needs to greet them. */
@injectable()
export class GetMe {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "accountId">): Promise<{ user: User; account: Account; access: Access }> {
    const [user, account, membership] = await Promise.all([
      this.accounts.findUser(auth.userId),
      this.accounts.findAccount(auth.accountId),
      this.memberships.find(auth.accountId, auth.userId),
    ]);
    if (!user || !account || !membership) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    const owner = membership.role === "owner";
    const [roles, roleRights, scope] = await Promise.all([
      this.memberships.roleKeys(account.id, user.id),
      owner ? [] : this.memberships.roleRights(account.id, user.id),
      membership.serviceScoped && !owner ? this.memberships.scope(account.id, user.id) : null,
    ]);
    const rights = combineRights(membership.role, membership.permissions, roleRights);
    return {
      user,
      account,
      access: { role: membership.role, permissions: effectivePermissions(membership.role, membership.permissions, rights), rights, roles, serviceScope: scope },
    };
  }
}

/** The user's access in their own account, from their row alone (what a sign-in answers with; /me reads the roles too). */
export function homeAccess(user: User): Access {
  const rights = combineRights(user.role, user.permissions, []);
  return { role: user.role, permissions: effectivePermissions(user.role, user.permissions, rights), rights, roles: [], serviceScope: null };
}

export function describeMe(
  user: User,
  account: Account,
  brand: Brand,
  session: { csrfToken: string; expiresAt: number; via: AuthContext["via"]; staffId?: string | null; staffMode?: AuthContext["staffMode"] },
  access: Access = homeAccess(user),
) {
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: access.role,
      permissions: access.permissions,
      rights: access.rights,
      roles: access.roles,
      serviceScope: access.serviceScope,
      mustChangePassword: user.mustChangePassword ?? false,
      locale: user.locale,
      phone: user.phone,
      timezone: user.timezone,
      rowsPerPage: user.rowsPerPage,
      emailVerified: user.emailVerifiedAt !== null,
    },
    account: { id: account.id, name: account.name, kind: account.kind, currency: account.currency, locale: account.locale ?? brand.defaultLocale },
    brand: { slug: brand.slug, name: brand.name },
    session: {
      csrfToken: session.csrfToken,
      expiresAt: new Date(session.expiresAt).toISOString(),
      via: session.via,
      staff: session.staffId ? { id: session.staffId, mode: session.staffMode ?? "read" } : null,
    },
  };
}
