import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { OwnedServices } from "./owned-services.js";
import type { AuthContext } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";
import { RoleRepository } from "./role.repository.js";
import { isBuiltInRole } from "./rights.js";

export interface MemberAccess {
  /** Role keys: `accountant`, `sysadmin`, `viewer` or the account's own `rol_…`. */
  roles: string[];
  /** The only services the member may see and act on; null for all of them. */
  serviceIds: string[] | null;
}

/** Checks role keys and service ids against the account: another account's ids answer 404, as unknown ones. */
export async function checkAccess(
  trx: Database,
  accountId: string,
  access: MemberAccess,
  roles: RoleRepository,
  services: OwnedServices,
): Promise<MemberAccess> {
  const roleKeys = [...new Set(access.roles)];
  for (const key of roleKeys) {
    if (!isBuiltInRole(key) && !(await roles.find(accountId, key, trx))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "role", id: key });
  }
  const serviceIds = access.serviceIds && [...new Set(access.serviceIds)];
  if (serviceIds) {
    const owned = new Set(await services.ownedBy(accountId, serviceIds, trx));
    const foreign = serviceIds.find((id) => !owned.has(id));
    if (foreign) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id: foreign });
  }
  return { roles: roleKeys, serviceIds };
}

/** The owner sets what a member may do: their roles, and (optionally) the services they are limited to. */
@injectable()
export class SetMemberAccess {
  constructor(
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(RoleRepository) private readonly roles: RoleRepository,
    @inject(TOKENS.OwnedServices) private readonly services: OwnedServices,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, userId: string, input: MemberAccess): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const membership = await this.memberships.find(auth.accountId, userId, trx);
      if (!membership) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "user", id: userId });
      if (membership.role === "owner") throw new CabinetError("CAB_ERR_CONFLICT", { reason: "owner" }, "The owner holds every right; roles do not apply.");
      const access = await checkAccess(trx, auth.accountId, input, this.roles, this.services);
      await this.memberships.setRoles(auth.accountId, userId, access.roles, trx);
      await this.memberships.setScope(membership, access.serviceIds, trx);
      await this.audit.record(trx, {
        accountId: auth.accountId,
        action: "user.access_changed",
        target: { type: "user", id: userId },
        details: { roles: access.roles, serviceIds: access.serviceIds },
      });
    });
  }
}
