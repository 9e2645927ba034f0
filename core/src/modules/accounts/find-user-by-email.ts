import { inject, injectable } from "tsyringe";
import { AccountRepository } from "./account.repository.js";

/** Who of a brand has this e-mail (the sign-in name), if anyone: id and account only. */
@injectable()
export class FindUserByEmail {
  constructor(@inject(AccountRepository) private readonly accounts: AccountRepository) {}

  async execute(brandId: string, email: string): Promise<{ id: string; accountId: string; hasPassword: boolean } | undefined> {
    const user = await this.accounts.findUserByEmail(brandId, email);
    return user && { id: user.id, accountId: user.accountId, hasPassword: user.passwordHash !== null };
  }
}
