import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository } from "./account.repository.js";
import { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
import { UserTokenRepository } from "./user-token.repository.js";
import { hashUserToken, newUserToken } from "./user-token.js";
import { userLink } from "./user-link.js";
import type { AuthContext } from "./auth-context.js";

/** How long an e-mail change link works. */
export const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;

/**
 * Starts an e-mail change, after re-authentication: a confirmation link goes to the *new*
 * address (proving the user holds it); the e-mail stays as it is until the link is opened.
 * The e-mail is the sign-in name, so one another user of the brand has is refused — without
 * saying whose.
 */
@injectable()
export class RequestEmailChange {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(UserTokenRepository) private readonly tokens: UserTokenRepository,
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(auth: AuthContext, brand: Brand, ip: string, input: { newEmail: string; page?: string } & Reauthentication): Promise<void> {
    const user = await this.reauthenticate.execute(auth, ip, input);
    const newEmail = input.newEmail.toLowerCase();
    if (newEmail === user.email)
      throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/newEmail", message: "is already your e-mail" }] });
    if (await this.accounts.findUserByEmail(brand.id, newEmail)) throw new CabinetError("CAB_ERR_EMAIL_UNAVAILABLE");
    const token = newUserToken();
    const link = userLink(brand, this.config.http.publicUrl!, input.page, "cab-email-change", token);
    const now = this.clock.now();
    const id = newId("utk", now);
    const expiresAt = now + EMAIL_CHANGE_TTL_MS;
    await this.tokens.issue({
      id,
      tokenHash: hashUserToken(token),
      userId: user.id,
      purpose: "email-change",
      newEmail,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    await this.events.publish("user.email_change_requested", { accountId: user.accountId, userId: user.id, tokenId: id, newEmail, link, expiresAt });
  }
}
