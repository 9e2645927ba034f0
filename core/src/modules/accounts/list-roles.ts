import { inject, injectable } from "tsyringe";
import type { AuthContext } from "./auth-context.js";
import { RoleRepository } from "./role.repository.js";
import { builtInRoleNames, builtInRoles } from "./rights.js";

/** The account's roles: the built-in templates, then its own, each with its rights and how many hold it. */
@injectable()
export class ListRoles {
  constructor(@inject(RoleRepository) private readonly roles: RoleRepository) {}

  async execute(auth: Pick<AuthContext, "accountId">) {
    const [custom, holders] = await Promise.all([this.roles.list(auth.accountId), this.roles.holders(auth.accountId)]);
    return {
      items: [
        ...builtInRoleNames.map((key) => ({ key, name: key, builtIn: true, rights: builtInRoles[key], holders: holders.get(key) ?? 0 })),
        ...custom.map((r) => ({ key: r.id, name: r.name, builtIn: false, rights: r.rights, holders: holders.get(r.id) ?? 0 })),
      ],
    };
  }
}
