import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository } from "./account.repository.js";
import { UserTokenRepository } from "./user-token.repository.js";
import { hashUserToken } from "./user-token.js";

/**
 * Opens an e-mail change link: the sign-in e-mail becomes the new address (now verified) and a
 * notice goes to the old one. Taken by another user meanwhile: refused, nothing changed.
 */
@injectable()
export class ConfirmEmailChange {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(UserTokenRepository) private readonly tokens: UserTokenRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(input: { token: string }): Promise<void> {
    const now = this.clock.now();
    let change: { accountId: string; userId: string; oldEmail: string; newEmail: string };
    try {
      change = await this.db.transaction(async (trx) => {
        const token = await this.tokens.take(hashUserToken(input.token), "email-change", now, trx);
        if (!token?.newEmail) throw new CabinetError("CAB_ERR_LINK_INVALID");
        const user = await this.accounts.findUserIn(token.userId, trx);
        if (!user || user.status !== "active") throw new CabinetError("CAB_ERR_LINK_INVALID");
        await this.accounts.setEmail(user.id, token.newEmail, now, trx);
        await this.tokens.voidAll(user.id, "email-change", now, trx);
        return { accountId: user.accountId, userId: user.id, oldEmail: user.email, newEmail: token.newEmail };
      });
    } catch (error) {
      // Someone took the address between the request and the link: the transaction rolled back.
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_EMAIL_UNAVAILABLE");
      throw error;
    }
    await this.events.publish("user.email_changed", { ...change, at: now });
  }
}
