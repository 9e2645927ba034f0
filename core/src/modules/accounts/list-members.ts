import { inject, injectable } from "tsyringe";
import { AccountRepository } from "./account.repository.js";
import type { AuthContext } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";

/** The people of the account — the owner(s), the users created in it and those who joined — with their roles and scopes. */
@injectable()
export class ListMembers {
  constructor(
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">) {
    const members = await this.memberships.listForAccount(auth.accountId);
    const [users, roles, scopes] = await Promise.all([
      this.accounts.findUsers(members.map((m) => m.userId)),
      this.memberships.roleKeysByUser(auth.accountId),
      this.memberships.scopesByUser(auth.accountId),
    ]);
    return {
      items: members.flatMap((m) => {
        const user = users.get(m.userId);
        if (!user) return [];
        return [
          {
            id: user.id,
            email: user.email,
            name: user.name,
            role: m.role,
            status: m.status,
            roles: roles.get(m.userId) ?? [],
            permissions: m.permissions,
            serviceScope: m.serviceScoped ? (scopes.get(m.userId) ?? []) : null,
            mustChangePassword: m.home ? (user.mustChangePassword ?? false) : false,
            createdAt: new Date(m.createdAt).toISOString(),
          },
        ];
      }),
    };
  }
}
