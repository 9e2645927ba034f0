import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { newId } from "../../kernel/ids.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository } from "./account.repository.js";
import type { SignInLimiter } from "./sign-in-limiter.js";
import { UserTokenRepository } from "./user-token.repository.js";
import { hashUserToken, newUserToken } from "./user-token.js";
import { userLink } from "./user-link.js";

/** How long a reset link works. */
export const RESET_TTL_MS = 30 * 60_000;

/**
 * Sends a password-reset link to the e-mail, if a user of the brand has it. The caller always
 * gets the same answer, so it does not learn which e-mails exist; the limit (per e-mail and per
 * IP) counts unknown e-mails too, for the same reason. A new link voids the earlier ones. The
 * e-mail goes through the notifications pipeline (the `email` channel), never the centre.
 */
@injectable()
export class RequestPasswordReset {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(UserTokenRepository) private readonly tokens: UserTokenRepository,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(input: { brand: Brand; email: string; page?: string; ip: string }): Promise<void> {
    const email = input.email.toLowerCase();
    await this.limiter.admit("reset", input.ip, `${input.brand.id}:${email}`);
    const token = newUserToken();
    // Checked before the lookup, so a bad page answers the same for known and unknown e-mails.
    const link = userLink(input.brand, this.config.http.publicUrl!, input.page, "cab-reset", token);
    const user = await this.accounts.findUserByEmail(input.brand.id, email);
    if (!user || user.status !== "active") return;
    const now = this.clock.now();
    const id = newId("utk", now);
    const expiresAt = now + RESET_TTL_MS;
    await this.tokens.issue({
      id,
      tokenHash: hashUserToken(token),
      userId: user.id,
      purpose: "reset",
      newEmail: null,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    await this.events.publish("user.password_reset_requested", { accountId: user.accountId, userId: user.id, tokenId: id, link, expiresAt });
  }
}
