import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { AccountRepository } from "./account.repository.js";
import type { PasswordHasher } from "./password-hasher.js";
import { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
import { SessionRepository } from "./session.repository.js";
import { UserTokenRepository } from "./user-token.repository.js";
import { checkNewPassword } from "./new-password.js";
import type { AuthContext } from "./auth-context.js";

/**
 * Changes the signed-in user's password after re-authentication. Every *other* session ends
 * and any reset link still out stops working, in the same transaction as the new hash.
 */
@injectable()
export class ChangePassword {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(UserTokenRepository) private readonly tokens: UserTokenRepository,
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(auth: AuthContext, ip: string, input: { newPassword: string } & Reauthentication): Promise<{ endedSessions: number }> {
    checkNewPassword(input.newPassword, this.config.auth.passwordMinLength, "/newPassword");
    const user = await this.reauthenticate.execute(auth, ip, input);
    const hash = await this.hasher.hash(input.newPassword);
    const now = this.clock.now();
    const endedSessions = await this.db.transaction(async (trx) => {
      await this.accounts.setPasswordHash(user.id, hash, trx);
      await this.tokens.voidAll(user.id, "reset", now, trx);
      return this.sessions.revokeAllOf(user.id, now, auth.sessionId, trx);
    });
    await this.events.publish("user.password_changed", { accountId: user.accountId, userId: user.id, at: now, reason: "changed" });
    return { endedSessions };
  }
}
