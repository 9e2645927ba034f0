import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository, type Account, type User } from "./account.repository.js";
import { CompleteSignIn, type SignInClient } from "./complete-sign-in.js";
import type { CreatedSession } from "./create-session.js";

/**
 * Opens a session for a user whom an external identity (OpenID Connect) has proven: the same
 * checks as a password sign-in once the password matched — the user and account are active —
 * and the same last step (`CompleteSignIn`): a user with a second factor on gets 401
 * `CAB_ERR_SECOND_FACTOR_REQUIRED` with a challenge instead of a session, so an external
 * sign-in never bypasses the second factor.
 */
@injectable()
export class SignInExternal {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(CompleteSignIn) private readonly completeSignIn: CompleteSignIn,
  ) {}

  async execute(userId: string, client: SignInClient): Promise<{ user: User; account: Account; session: CreatedSession }> {
    const user = await this.accounts.findUser(userId);
    const account = user && (await this.accounts.findAccount(user.accountId));
    if (!user || !account) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    if (user.status !== "active" || account.status !== "active") throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "suspended" }, "This user or account is suspended.");
    const { session } = await this.completeSignIn.execute(user, client, { secondFactorDone: false });
    return { user, account, session };
  }
}
