import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository, type User } from "./account.repository.js";
import { CreateSession, type CreatedSession } from "./create-session.js";
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
    @inject(CreateSession) private readonly createSession: CreateSession,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(input: {
    brand: Brand;
    email: string;
    password: string;
    ip: string;
    userAgent: string;
  }): Promise<{ user: User; session: CreatedSession }> {
    const email = input.email.toLowerCase();
    const accountKey = `${input.brand.id}:${email}`;
    await this.limiter.admit(input.ip, accountKey);

    const user = await this.accounts.findUserByEmail(input.brand.id, email);
    const passwordMatches = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, input.password)
      : await this.hasher.verifyNothing(input.password);
    if (!user || !passwordMatches) {
      await this.limiter.recordFailure(accountKey);
      throw new CabinetError("CAB_ERR_INVALID_CREDENTIALS");
    }
    await this.limiter.recordSuccess(accountKey);

    const account = await this.accounts.findAccount(user.accountId);
    if (user.status !== "active" || account?.status !== "active") {
      // Only said to someone who knows the password.
      throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "suspended" }, "This user or account is suspended.");
    }
    const session = await this.createSession.execute(user, input);
    await this.events.publish("user.signed_in", {
      accountId: user.accountId,
      userId: user.id,
      sessionId: session.sessionId,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    return { user, session };
  }
}
