import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext } from "./auth-context.js";
import { MembershipRepository } from "./membership.repository.js";
import { SessionRepository } from "./session.repository.js";

/**
 * The owner disables, enables or removes a user. Disabling and removing end the user's
 * sessions in the account at once (and the session check refuses them anyway at the next
 * request). Nobody disables or removes themself, and the last owner stays.
 */
@injectable()
export class ChangeMemberStatus {
  constructor(
    @inject(MembershipRepository) private readonly memberships: MembershipRepository,
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId" | "userId">, userId: string, change: "disable" | "enable" | "remove"): Promise<void> {
    if (userId === auth.userId && change !== "enable") throw new CabinetError("CAB_ERR_CONFLICT", { reason: "self" }, "You cannot disable or remove yourself.");
    const now = this.clock.now();
    await inTransaction(this.db, async (trx) => {
      const owners = await this.memberships.lockOwners(auth.accountId, trx);
      if (!owners.includes(auth.userId)) throw new CabinetError("CAB_ERR_OWNER_ONLY");
      const membership = await this.memberships.find(auth.accountId, userId, trx);
      if (!membership || membership.status === "removed") throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "user", id: userId });
      if (change !== "enable" && membership.role === "owner" && owners.filter((id) => id !== userId).length === 0) throw new CabinetError("CAB_ERR_LAST_OWNER");
      if (change === "remove" && !membership.home) {
        await this.memberships.remove(auth.accountId, userId, trx);
      } else {
        // A home membership is the person's login: removed, it stays for the record (tickets, the log) but is gone from the account.
        await this.memberships.update(membership, { status: change === "enable" ? "active" : change === "disable" ? "suspended" : "removed" }, trx);
        if (change === "remove") await this.memberships.setRoles(auth.accountId, userId, [], trx);
      }
      if (change !== "enable") await this.sessions.revokeForUser(userId, now, trx, auth.accountId);
      await this.audit.record(trx, {
        accountId: auth.accountId,
        action: `user.${change === "enable" ? "enabled" : change === "disable" ? "disabled" : "removed"}`,
        target: { type: "user", id: userId },
      });
    });
  }
}
