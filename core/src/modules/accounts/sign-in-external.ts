import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import type { CreatedSession } from "./create-session.js";
import { CompleteSignIn } from "./complete-sign-in.js";

/**
 * Opens a session for a user whom an external identity (OpenID Connect) has proven: the same
 * checks as a password sign-in once the password matched — the user and account are active —
 * and the same `user.signed_in` event (new-device notices).
 */
@injectable()
export class SignInExternal {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(CompleteSignIn) private readonly complete: CompleteSignIn,
  ) {}

  async execute(
    userId: string,
    client: { ip: string; userAgent: string; mode?: "cookie" | "bearer" },
  ): Promise<{ user: User; account: Account; session: CreatedSession }> {
    const user = await this.accounts.findUser(userId);
    const account = user && (await this.accounts.findAccount(user.accountId));
    if (!user || !account) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    if (user.status !== "active" || account.status !== "active")
      throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "suspended" }, "This user or account is suspended.");
    // The provider proved the first factor only: a user with a second factor on gets 401
    // CAB_ERR_SECOND_FACTOR_REQUIRED and a challenge (finished at POST /auth/second-factor), as
    // the password sign-in does; CompleteSignIn also publishes `user.signed_in`.
    const { session } = await this.complete.execute(
      user,
      { ip: client.ip, userAgent: client.userAgent, mode: client.mode ?? "cookie" },
      { secondFactorDone: false },
    );
    return { user, account, session };
  }
}
