import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository, type User } from "./account.repository.js";
import type { PasswordHasher } from "./password-hasher.js";
import type { SignInLimiter } from "./sign-in-limiter.js";
import type { AuthContext } from "./auth-context.js";
import { SecondFactorCheck } from "./second-factor-check.js";

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
  ) {}

  async execute(auth: Pick<AuthContext, "userId">, ip: string, given: Reauthentication): Promise<User> {
    const user = await this.accounts.findUser(auth.userId);
    if (!user) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    const subject = `reauth:${user.id}`;
    await this.limiter.admit("sign-in", ip, subject);
    if (user.passwordHash) {
      if (given.password === undefined || !(await this.hasher.verify(user.passwordHash, given.password))) {
        throw new CabinetError("CAB_ERR_REAUTH_FAILED", { needs: await this.needs(user) });
      }
    }
    if (await this.secondFactor.isOn(user.id)) {
      if (given.code === undefined) throw new CabinetError("CAB_ERR_REAUTH_FAILED", { needs: await this.needs(user) });
      await this.secondFactor.verify(user.id, ip, given.code, () => new CabinetError("CAB_ERR_REAUTH_FAILED", { needs: ["password", "code"].filter((n) => n !== "password" || user.passwordHash) }));
    }
    await this.limiter.recordSuccess("sign-in", subject);
    return user;
  }

  private async needs(user: User): Promise<string[]> {
    return [...(user.passwordHash ? ["password"] : []), ...((await this.secondFactor.isOn(user.id)) ? ["code"] : [])];
  }
}
