import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { newId } from "../../kernel/ids.js";
import type { Brand } from "../brands/index.js";
import type { User } from "./account.repository.js";
import { UserTokenRepository } from "./user-token.repository.js";
import { hashUserToken, newUserToken } from "./user-token.js";
import { userLink } from "./user-link.js";

export const VERIFY_EMAIL_TTL_MS = 7 * 24 * 3_600_000;

/** Sends (again) the link that confirms a user's e-mail; the earlier link stops working. */
@injectable()
export class SendEmailVerification {
  constructor(
    @inject(UserTokenRepository) private readonly tokens: UserTokenRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(user: User, brand: Brand, page?: string): Promise<void> {
    if (user.emailVerifiedAt !== null) return;
    const token = newUserToken();
    const link = userLink(brand, this.config.http.publicUrl!, page, "cab-verify-email", token);
    const now = this.clock.now();
    const id = newId("utk", now);
    const expiresAt = now + VERIFY_EMAIL_TTL_MS;
    await this.tokens.issue({
      id,
      tokenHash: hashUserToken(token),
      userId: user.id,
      purpose: "verify-email",
      newEmail: null,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    await this.events.publish("user.email_verification_requested", { accountId: user.accountId, userId: user.id, tokenId: id, link, expiresAt });
  }
}
