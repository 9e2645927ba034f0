import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository } from "./account.repository.js";
import { UserTokenRepository } from "./user-token.repository.js";
import { hashUserToken } from "./user-token.js";

/** Opens an e-mail verification link: the user's address is confirmed. */
@injectable()
export class VerifyEmail {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(UserTokenRepository) private readonly tokens: UserTokenRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(input: { token: string }): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (trx) => {
      const token = await this.tokens.take(hashUserToken(input.token), "verify-email", now, trx);
      if (!token) throw new CabinetError("CAB_ERR_LINK_INVALID");
      await this.accounts.markEmailVerified(token.userId, now, trx);
    });
  }
}
