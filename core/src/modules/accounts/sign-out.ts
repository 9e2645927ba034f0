import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { SessionRepository } from "./session.repository.js";
import type { AuthContext } from "./auth-context.js";

/** Ends the caller's session: its token stops working at once. */
@injectable()
export class SignOut {
  constructor(
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(auth: AuthContext): Promise<void> {
    await this.sessions.revoke(auth.sessionId, this.clock.now());
    await this.events.publish("user.signed_out", { accountId: auth.accountId, userId: auth.userId, sessionId: auth.sessionId });
  }
}
