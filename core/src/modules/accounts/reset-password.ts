import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository } from "./account.repository.js";
import type { PasswordHasher } from "./password-hasher.js";
import type { SignInLimiter } from "./sign-in-limiter.js";
import { SessionRepository } from "./session.repository.js";
import { UserTokenRepository } from "./user-token.repository.js";
import { hashUserToken } from "./user-token.js";
import { checkNewPassword } from "./new-password.js";

/**
 * Sets a new password with a reset link's token: single use (taken in one conditional UPDATE),
 * expired after 30 minutes, void once a newer link was sent. It ends every session and signs
 * nobody in: the user then signs in with the new password — and their second factor, which a
 * reset never bypasses.
 */
@injectable()
export class ResetPassword {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(UserTokenRepository) private readonly tokens: UserTokenRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(input: { token: string; password: string; ip: string }): Promise<void> {
    // Tokens cannot be guessed, but an address trying many spends its IP budget like any sign-in attempt.
    await this.limiter.admit("reset", input.ip, `use:${hashUserToken(input.token)}`);
    checkNewPassword(input.password, this.config.auth.passwordMinLength);
    const hash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    const user = await this.db.transaction(async (trx) => {
      const token = await this.tokens.take(hashUserToken(input.token), "reset", now, trx);
      if (!token) throw new CabinetError("CAB_ERR_LINK_INVALID");
      const found = await this.accounts.findUserIn(token.userId, trx);
      if (!found || found.status !== "active") throw new CabinetError("CAB_ERR_LINK_INVALID");
      await this.accounts.setPasswordHash(found.id, hash, trx);
      await this.tokens.voidAll(found.id, "reset", now, trx);
      await this.sessions.revokeAllOf(found.id, now, undefined, trx);
      return found;
    });
    await this.limiter.recordSuccess("sign-in", `${user.brandId}:${user.email}`);
    await this.events.publish("user.password_changed", { accountId: user.accountId, userId: user.id, at: now, reason: "reset" });
  }
}
