import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import { effectivePermissions, type AuthContext } from "./auth-context.js";

/** The signed-in user, their account and brand: what a widget needs to greet them. */
@injectable()
export class GetMe {
  constructor(@inject(AccountRepository) private readonly accounts: AccountRepository) {}

  async execute(auth: Pick<AuthContext, "userId" | "accountId">): Promise<{ user: User; account: Account }> {
    const [user, account] = await Promise.all([this.accounts.findUser(auth.userId), this.accounts.findAccount(auth.accountId)]);
    if (!user || !account || user.accountId !== account.id) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    return { user, account };
  }
}

export function describeMe(user: User, account: Account, brand: Brand, session: { csrfToken: string; expiresAt: number; via: AuthContext["via"] }) {
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      permissions: effectivePermissions(user.role, user.permissions),
      locale: user.locale,
      phone: user.phone,
      timezone: user.timezone,
      rowsPerPage: user.rowsPerPage,
      emailVerified: user.emailVerifiedAt !== null,
    },
    account: { id: account.id, name: account.name, kind: account.kind, currency: account.currency, locale: account.locale ?? brand.defaultLocale },
    brand: { slug: brand.slug, name: brand.name },
    session: { csrfToken: session.csrfToken, expiresAt: new Date(session.expiresAt).toISOString(), via: session.via },
  };
}
