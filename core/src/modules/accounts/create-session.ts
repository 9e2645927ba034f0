import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { newId } from "../../kernel/ids.js";
import { SessionRepository } from "./session.repository.js";
import { hashSessionToken, newCsrfToken, newSessionToken } from "./session-token.js";
import type { User } from "./account.repository.js";

export interface CreatedSession {
  sessionId: string;
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** Opens a session for a user who has just proven who they are. */
@injectable()
export class CreateSession {
  constructor(
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  /** `staff`: a staff member opening the client's area ("sign in as client"), for at most an hour. */
  async execute(user: User, client: { ip: string; userAgent: string }, staff?: { staffId: string; mode: "read" | "act" }): Promise<CreatedSession> {
    const now = this.clock.now();
    const token = newSessionToken();
    const session = {
      id: newId("ses", now),
      tokenHash: hashSessionToken(token),
      userId: user.id,
      accountId: user.accountId,
      brandId: user.brandId,
      csrfToken: newCsrfToken(),
      ip: client.ip.slice(0, 64),
      userAgent: client.userAgent.slice(0, 255),
      createdAt: now,
      expiresAt: now + (staff ? 3_600_000 : this.config.auth.sessionTtlHours * 3_600_000),
      staffId: staff?.staffId ?? null,
      staffMode: staff?.mode ?? null,
    };
    await this.sessions.insert(session);
    return { sessionId: session.id, token, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }
}
