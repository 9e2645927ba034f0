import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AuditLog } from "../audit/index.js";
import type { AuthContext } from "./auth-context.js";
import { InvitationRepository } from "./invitation.repository.js";
import { AccountRepository } from "./account.repository.js";
import { describeInvitation, hashInvitationToken, INVITATION_TTL_MS, invitationLink, newInvitationToken } from "./invite-user.js";

/** Sends an invitation again with a new link (the old one stops working) and seven more days. */
@injectable()
export class ResendInvitation {
  constructor(
    @inject(InvitationRepository) private readonly invitations: InvitationRepository,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId" | "userId" | "name">, id: string) {
    const now = this.clock.now();
    const token = newInvitationToken();
    const invitation = await inTransaction(this.db, async (trx) => {
      const found = await this.invitations.find(auth.accountId, id, trx);
      if (!found) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "invitation", id });
      if (!(await this.invitations.renew(auth.accountId, id, hashInvitationToken(token), now + INVITATION_TTL_MS, trx))) {
        throw new CabinetError("CAB_ERR_INVITATION_INVALID", { reason: found.acceptedAt ? "accepted" : "revoked" });
      }
      await this.audit.record(trx, {
        accountId: auth.accountId,
        action: "user.invitation_resent",
        target: { type: "invitation", id },
        details: { email: found.email },
      });
      return { ...found, expiresAt: now + INVITATION_TTL_MS };
    });
    const link = invitationLink(this.config, token);
    const accountName = (await this.accounts.findAccount(auth.accountId))?.name ?? "";
    await this.events.publish("user.invited", {
      accountId: auth.accountId,
      userId: auth.userId,
      invitationId: id,
      email: invitation.email,
      link,
      expiresAt: invitation.expiresAt,
      accountName,
      invitedBy: auth.name,
    });
    return { invitation: describeInvitation(invitation, now), link };
  }
}
