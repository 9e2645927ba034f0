import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type User } from "./account.repository.js";
import { CompleteSignIn } from "./complete-sign-in.js";
import type { CreatedSession } from "./create-session.js";
import { SecondFactorCheck } from "./second-factor-check.js";
import { SignInChallengeRepository } from "./sign-in-challenge.repository.js";
import { hashSessionToken } from "./session-token.js";

/**
 * The second step of a sign-in: the challenge from the first step and a code (TOTP or a
 * recovery code). The challenge is used up only by a right code, so a typo can be corrected;
 * the codes tried are counted per user and IP (429 past the limit).
 */
@injectable()
export class VerifySecondFactor {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(SignInChallengeRepository) private readonly challenges: SignInChallengeRepository,
    @inject(SecondFactorCheck) private readonly secondFactor: SecondFactorCheck,
    @inject(CompleteSignIn) private readonly complete: CompleteSignIn,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(input: {
    brand: Brand;
    challenge: string;
    code: string;
    ip: string;
    userAgent: string;
  }): Promise<{ user: User; session: CreatedSession; mode: "cookie" | "bearer" }> {
    const challenge = await this.challenges.findLive(hashSessionToken(input.challenge), "second-factor", input.brand.id, this.clock.now());
    if (!challenge?.userId) throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "the sign-in expired: start again" });
    await this.secondFactor.verify(challenge.userId, input.ip, input.code, () => new CabinetError("CAB_ERR_SECOND_FACTOR_INVALID"));
    if (!(await this.challenges.use(challenge.id, this.clock.now())))
      throw new CabinetError("CAB_ERR_UNAUTHENTICATED", { reason: "the sign-in expired: start again" });
    const user = await this.accounts.findUser(challenge.userId);
    const account = user && (await this.accounts.findAccount(user.accountId));
    if (!user || user.status !== "active" || account?.status !== "active")
      throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "suspended" }, "This user or account is suspended.");
    const { session } = await this.complete.execute(user, { ip: input.ip, userAgent: input.userAgent, mode: challenge.mode }, { secondFactorDone: true });
    return { user, session, mode: challenge.mode };
  }
}
