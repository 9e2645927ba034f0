import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { SessionRepository } from "./session.repository.js";
import type { AuthContext } from "./auth-context.js";

/** Ends every session of the user but the current one; answers how many ended. */
@injectable()
export class EndOtherSessions {
  constructor(
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  execute(auth: Pick<AuthContext, "userId" | "sessionId">): Promise<number> {
    return this.sessions.revokeAllOf(auth.userId, this.clock.now(), auth.sessionId);
  }
}
