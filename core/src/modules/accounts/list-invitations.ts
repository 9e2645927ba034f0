import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { AuthContext } from "./auth-context.js";
import { InvitationRepository } from "./invitation.repository.js";
import { describeInvitation } from "./invite-user.js";

/** The account's invitations, newest first, each with its status. */
@injectable()
export class ListInvitations {
  constructor(
    @inject(InvitationRepository) private readonly invitations: InvitationRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">) {
    const now = this.clock.now();
    return { items: (await this.invitations.list(auth.accountId)).map((i) => describeInvitation(i, now)) };
  }
}
