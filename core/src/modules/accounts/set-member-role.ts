import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext, UserRole } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";
import { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * Makes a user an owner or a member. Promoting someone to owner — and so handing over the
 * account — needs the caller to prove themself again ({@link Reauthenticate}); `transfer`
 * also makes the caller a member in the same transaction. The account's row is locked and the
 * owners re-read first, so two owners demoting each other at once cannot both succeed: the
 * second finds they are no longer an owner (or would leave none) and is refused.
 */
@injectable()
export class SetMemberRole {
  constructor(
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(Reauthenticate) private readonly reauth: Reauthenticate,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Database) private readonly db: Database,
  ) {}

  async execute(
    auth: Pick<AuthContext, "accountId" | "userId" | "staffId" | "sessionId">,
    userId: string,
    input: { role: UserRole; transfer?: boolean; proof: Reauthentication },
    ip: string,
  ): Promise<void> {
    if (input.role === "owner") {
      // The re-authentication hook (the security module's): the password, and the second factor when one is on.
      // A staff member signed in as the client never hands the account over.
      if (auth.staffId) throw new CabinetError("CAB_ERR_OWNER_ONLY");
      await this.reauth.execute(auth, ip, input.proof);
    }
    await inTransaction(this.db, async (trx) => {
      const owners = await this.memberships.lockOwners(auth.accountId, trx);
      if (!owners.includes(auth.userId)) throw new CabinetError("CAB_ERR_OWNER_ONLY");
      const membership = await this.memberships.find(auth.accountId, userId, trx);
      if (!membership || membership.status !== "active") throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "user", id: userId });
      const after = new Set(owners);
      if (input.role === "owner") after.add(userId);
      else after.delete(userId);
      if (input.transfer && userId !== auth.userId) after.delete(auth.userId);
      if (after.size === 0) throw new CabinetError("CAB_ERR_LAST_OWNER");
      await this.memberships.update(membership, { role: input.role }, trx);
      // An owner's roles and scope mean nothing; a new member starts with none (the owner gives them).
      await this.memberships.setRoles(auth.accountId, userId, [], trx);
      await this.memberships.setScope(membership, null, trx);
      if (input.transfer && userId !== auth.userId) {
        const self = findOrFail(await this.memberships.find(auth.accountId, auth.userId, trx), "membership of user", auth.userId);
        await this.memberships.update(self, { role: "member", permissions: JSON.stringify(["services", "finance", "documents", "support"]) }, trx);
      }
      await this.audit.record(trx, {
        accountId: auth.accountId,
        action: input.transfer ? "user.ownership_transferred" : "user.role_changed",
        target: { type: "user", id: userId },
        details: { role: input.role },
      });
    });
  }
}
