import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository, type User } from "./account.repository.js";
import type { PasswordHasher } from "./password-hasher.js";
import type { SignInLimiter } from "./sign-in-limiter.js";
import type { AuthContext } from "./auth-context.js";
import { SecondFactorCheck } from "./second-factor-check.js";
import { SessionRepository } from "./session.repository.js";

/** A user with no password (signed in through an external provider) re-authenticates by signing in again: a session this fresh counts. */
export const FRESH_SIGN_IN_MS = 10 * 60_000;

/** What a sensitive action asks the signed-in user to give again. */
export interface Reauthentication {
  /** The current password (required when the user has one). */
  password?: string;
  /** A code from the authenticator app or a recovery code (required when a second factor is on). */
  code?: string;
}

/**
 * Confirms that whoever holds this session is the user, before a sensitive action (password,
 * e-mail, second factors, API keys, personal-data export, invited users): the password again,
 * and the second factor when one is on. Counted like sign-in attempts, so a stolen session
 * cannot be used to guess the password. Part of the accounts module's public face.
 *
 * @example
 * await scope.resolve(Reauthenticate).execute(auth, ip, { password: body.password, code: body.code });
 */
@injectable()
export class Reauthenticate {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
    @inject(SecondFactorCheck) private readonly secondFactor: SecondFactorCheck,
    @inject(SessionRepository) private readonly sessions: SessionRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "sessionId">, ip: string, given: Reauthentication): Promise<User> {
    const user = await this.accounts.findUser(auth.userId);
    if (!user) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    const subject = `reauth:${user.id}`;
    await this.limiter.admit("sign-in", ip, subject);
    if (user.passwordHash) {
      if (given.password === undefined || !(await this.hasher.verify(user.passwordHash, given.password))) {
        throw new CabinetError("CAB_ERR_REAUTH_FAILED", { needs: await this.needs(user) });
      }
    } else {
      // Nothing to type again: only a sign-in moments ago (through the provider) proves it is them.
      const opened = await this.sessions.createdAt(auth.sessionId);
      if (opened === undefined || this.clock.now() - opened > FRESH_SIGN_IN_MS) {
        throw new CabinetError("CAB_ERR_REAUTH_FAILED", { needs: [...(await this.needs(user)), "fresh-sign-in"] });
      }
    }
    if (await this.secondFactor.isOn(user.id)) {
      if (given.code === undefined) throw new CabinetError("CAB_ERR_REAUTH_FAILED", { needs: await this.needs(user) });
      await this.secondFactor.verify(
        user.id,
        ip,
        given.code,
        () => new CabinetError("CAB_ERR_REAUTH_FAILED", { needs: ["password", "code"].filter((n) => n !== "password" || user.passwordHash) }),
      );
    }
    await this.limiter.recordSuccess("sign-in", subject);
    return user;
  }

  private async needs(user: User): Promise<string[]> {
    return [...(user.passwordHash ? ["password"] : []), ...((await this.secondFactor.isOn(user.id)) ? ["code"] : [])];
  }
}
