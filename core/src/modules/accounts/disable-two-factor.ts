import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
import { TwoFactorRepository } from "./two-factor.repository.js";
import type { AuthContext } from "./auth-context.js";

/** Turns TOTP off, after re-authentication (password and a code); refused where the brand requires it. */
@injectable()
export class DisableTwoFactor {
  constructor(
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(TwoFactorRepository) private readonly twoFactor: TwoFactorRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(auth: AuthContext, brand: Brand, ip: string, given: Reauthentication): Promise<void> {
    if (!(await this.twoFactor.isOn(auth.userId))) throw new CabinetError("CAB_ERR_TWO_FACTOR_STATE", { enabled: false });
    if (brand.requireTwoFactor) throw new CabinetError("CAB_ERR_FORBIDDEN", { reason: "the brand requires two-factor authentication" });
    await this.reauthenticate.execute(auth, ip, given);
    await this.twoFactor.remove(auth.userId);
    await this.events.publish("user.two_factor_changed", { accountId: auth.accountId, userId: auth.userId, at: this.clock.now(), enabled: false });
  }
}
