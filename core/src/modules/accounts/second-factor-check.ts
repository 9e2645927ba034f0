import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { SignInLimiter } from "./sign-in-limiter.js";
import { TwoFactorRepository } from "./two-factor.repository.js";
import { hashRecoveryCode, matchTotp } from "./totp.js";

/**
 * Whether a user has a second factor on, and checking a code against it: a TOTP code (accepted
 * once: its time step is recorded in one conditional UPDATE) or a recovery code (single use).
 * Every try is counted first, atomically, per user and per IP.
 */
@injectable()
export class SecondFactorCheck {
  constructor(
    @inject(TwoFactorRepository) private readonly twoFactor: TwoFactorRepository,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  isOn(userId: string): Promise<boolean> {
    return this.twoFactor.isOn(userId);
  }

  /** Throws `refuse()` unless `code` is a fresh TOTP code or an unused recovery code of the user. */
  async verify(userId: string, ip: string, code: string, refuse: () => Error): Promise<void> {
    await this.limiter.admit("second-factor", ip, userId);
    const now = this.clock.now();
    const totp = await this.twoFactor.find(userId);
    if (!totp?.confirmedAt) throw refuse();
    const digits = code.replace(/\s/g, "");
    let accepted: boolean;
    if (/^\d{6}$/.test(digits)) {
      const step = await matchTotp(totp.secret, digits, now, totp.lastUsedStep);
      accepted = step !== null && (await this.twoFactor.useStep(userId, step));
    } else {
      accepted = await this.twoFactor.useRecoveryCode(userId, hashRecoveryCode(code), now);
    }
    if (!accepted) throw refuse();
    await this.limiter.recordSuccess("second-factor", userId);
  }
}
