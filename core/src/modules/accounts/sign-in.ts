import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type User } from "./account.repository.js";
import type { CreatedSession } from "./create-session.js";
import { CompleteSignIn } from "./complete-sign-in.js";
import type { PasswordHasher } from "./password-hasher.js";
import type { SignInLimiter } from "./sign-in-limiter.js";

/**
 * Signs a user in with e-mail and password. An unknown e-mail and a wrong password give the
 * same error after the same work, so the answer does not tell which e-mails exist.
 */
@injectable()
export class SignIn {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(CompleteSignIn) private readonly complete: CompleteSignIn,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
  ) {}

  async execute(input: {
    brand: Brand;
    email: string;
    password: string;
    ip: string;
    userAgent: string;
    mode?: "cookie" | "bearer";
  }): Promise<{ user: User; session: CreatedSession }> {
    const email = input.email.toLowerCase();
    const accountKey = `${input.brand.id}:${email}`;
    // Counted before the password is tried, in one atomic step: see SignInLimiter.
    await this.limiter.admit("sign-in", input.ip, accountKey);

    const user = await this.accounts.findUserByEmail(input.brand.id, email);
    const passwordMatches = user?.passwordHash ? await this.hasher.verify(user.passwordHash, input.password) : await this.hasher.verifyNothing(input.password);
    if (!user || !passwordMatches) throw new CabinetError("CAB_ERR_INVALID_CREDENTIALS");
    await this.limiter.recordSuccess("sign-in", accountKey);

    const account = await this.accounts.findAccount(user.accountId);
    if (user.status !== "active" || account?.status !== "active") {
      // Only said to someone who knows the password.
      throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "suspended" }, "This user or account is suspended.");
    }
    // With a second factor on, this answers 401 CAB_ERR_SECOND_FACTOR_REQUIRED and a challenge instead.
    const { session } = await this.complete.execute(
      user,
      { ip: input.ip, userAgent: input.userAgent, mode: input.mode ?? "cookie" },
      { secondFactorDone: false },
    );
    return { user, session };
  }
}
