import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext } from "./auth-context.js";
import { InvitationRepository } from "./invitation.repository.js";

/** The owner takes an invitation back: its link stops working at once. */
@injectable()
export class RevokeInvitation {
  constructor(
    @inject(InvitationRepository) private readonly invitations: InvitationRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const invitation = await this.invitations.find(auth.accountId, id, trx);
      if (!invitation) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "invitation", id });
      if (!(await this.invitations.revoke(auth.accountId, id, this.clock.now(), trx)))
        throw new CabinetError("CAB_ERR_INVITATION_INVALID", { reason: invitation.acceptedAt ? "accepted" : "revoked" });
      await this.audit.record(trx, {
        accountId: auth.accountId,
        action: "user.invitation_revoked",
        target: { type: "invitation", id },
        details: { email: invitation.email },
      });
    });
  }
}
