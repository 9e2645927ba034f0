import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { AccountRepository } from "./account.repository.js";

/**
 * Refuses (403 `CAB_ERR_EMAIL_NOT_VERIFIED`) a user who has not confirmed their e-mail, where
 * the brand requires it — before ordering. Part of the accounts module's public face.
 */
@injectable()
export class RequireVerifiedEmail {
  constructor(@inject(AccountRepository) private readonly accounts: AccountRepository) {}

  async execute(userId: string, brand: Pick<Brand, "emailVerificationRequired">): Promise<void> {
    if (!brand.emailVerificationRequired) return;
    const user = await this.accounts.findUser(userId);
    if (user?.emailVerifiedAt == null) throw new CabinetError("CAB_ERR_EMAIL_NOT_VERIFIED");
  }
}
