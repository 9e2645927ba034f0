import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { SessionRepository } from "./session.repository.js";
import type { AuthContext } from "./auth-context.js";

/** Ends one of the user's own sessions; another user's (or an ended one) answers 404. */
@injectable()
export class EndSession {
  constructor(
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "userId">, sessionId: string): Promise<void> {
    if (!(await this.sessions.revokeOf(auth.userId, sessionId, this.clock.now()))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "session" });
  }
}
