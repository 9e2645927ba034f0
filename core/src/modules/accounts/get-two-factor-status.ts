import { inject, injectable } from "tsyringe";
import type { Brand } from "../brands/index.js";
import { TwoFactorRepository } from "./two-factor.repository.js";

/** Whether the user's second factor is on, whether their brand requires one, and how many recovery codes are left. */
@injectable()
export class GetTwoFactorStatus {
  constructor(@inject(TwoFactorRepository) private readonly twoFactor: TwoFactorRepository) {}

  async execute(userId: string, brand: Brand) {
    const enabled = await this.twoFactor.isOn(userId);
    return { enabled, required: brand.requireTwoFactor, recoveryCodesLeft: enabled ? await this.twoFactor.recoveryCodesLeft(userId) : 0 };
  }
}
