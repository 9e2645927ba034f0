import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { SessionRepository } from "./session.repository.js";
import { hashSessionToken } from "./session-token.js";
import type { AuthContext } from "./auth-context.js";

const TOUCH_EVERY_MS = 60_000;

/** Finds the live session behind a token; undefined when it is unknown, expired, revoked or suspended. */
@injectable()
export class Authenticate {
  constructor(
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(token: string, via: AuthContext["via"]): Promise<AuthContext | undefined> {
    const now = this.clock.now();
    const found = await this.sessions.findActive(hashSessionToken(token), now);
    if (!found) return undefined;
    // "Last seen" is for the user's list of devices; once a minute is precise enough and
    // keeps the hot read path free of writes.
    if (now - found.lastSeenAt > TOUCH_EVERY_MS) await this.sessions.touch(found.sessionId, now);
    const { lastSeenAt: _, ...auth } = found;
    return { ...auth, via };
  }
}
