import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
import { TwoFactorRepository } from "./two-factor.repository.js";
import { hashRecoveryCode, newRecoveryCodes } from "./totp.js";
import type { AuthContext } from "./auth-context.js";

/** Ten new recovery codes (after re-authentication); every earlier one stops working. Shown once. */
@injectable()
export class RegenerateRecoveryCodes {
  constructor(
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(TwoFactorRepository) private readonly twoFactor: TwoFactorRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: AuthContext, ip: string, given: Reauthentication): Promise<{ recoveryCodes: string[] }> {
    if (!(await this.twoFactor.isOn(auth.userId))) throw new CabinetError("CAB_ERR_TWO_FACTOR_STATE", { enabled: false });
    await this.reauthenticate.execute(auth, ip, given);
    const now = this.clock.now();
    const recoveryCodes = newRecoveryCodes();
    await this.twoFactor.replaceRecoveryCodes(
      auth.userId,
      recoveryCodes.map((c) => ({ id: newId("rcc", now), hash: hashRecoveryCode(c) })),
      now,
    );
    return { recoveryCodes };
  }
}
