import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Database } from "../../db/create-database.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { SignInLimiter } from "./sign-in-limiter.js";
import { TwoFactorRepository } from "./two-factor.repository.js";
import { hashRecoveryCode, matchTotp, newRecoveryCodes } from "./totp.js";
import type { AuthContext } from "./auth-context.js";

/**
 * Turns TOTP on with a code from the app (proving it holds the secret), and gives the ten
 * recovery codes — the only time they are shown; only their hashes are kept.
 */
@injectable()
export class ConfirmTwoFactor {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TwoFactorRepository) private readonly twoFactor: TwoFactorRepository,
    @inject(TOKENS.RateLimiters) private readonly limiter: SignInLimiter,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(auth: AuthContext, ip: string, code: string): Promise<{ recoveryCodes: string[] }> {
    await this.limiter.admit("second-factor", ip, auth.userId);
    const pending = await this.twoFactor.find(auth.userId);
    if (!pending || pending.confirmedAt !== null) throw new CabinetError("CAB_ERR_TWO_FACTOR_STATE", { enabled: pending?.confirmedAt != null });
    const now = this.clock.now();
    const step = /^\d{6}$/.test(code) ? await matchTotp(pending.secret, code, now, null) : null;
    if (step === null) throw new CabinetError("CAB_ERR_SECOND_FACTOR_INVALID");
    const recoveryCodes = newRecoveryCodes();
    await this.db.transaction(async (trx) => {
      if (!(await this.twoFactor.useStep(auth.userId, step, now, trx))) throw new CabinetError("CAB_ERR_SECOND_FACTOR_INVALID");
      await this.twoFactor.replaceRecoveryCodes(
        auth.userId,
        recoveryCodes.map((c) => ({ id: newId("rcc", now), hash: hashRecoveryCode(c) })),
        now,
        trx,
      );
    });
    await this.limiter.recordSuccess("second-factor", auth.userId);
    await this.events.publish("user.two_factor_changed", { accountId: auth.accountId, userId: auth.userId, at: now, enabled: true });
    return { recoveryCodes };
  }
}
