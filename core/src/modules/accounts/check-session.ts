import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { SessionRepository } from "./session.repository.js";

/**
 * Whether a session authenticated earlier may still be used: for a long-lived connection (a
 * notification stream) that outlives the request that opened it, so signing out, expiry or a
 * suspension also ends it.
 */
@injectable()
export class CheckSession {
  constructor(
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  execute(sessionId: string): Promise<boolean> {
    return this.sessions.isActive(sessionId, this.clock.now());
  }
}
