import { inject, injectable } from "tsyringe";
import { AccountRepository, type User } from "./account.repository.js";

/**
 * What other modules may know of a user, by id, without reading the accounts module's tables:
 * their account, brand, name, role and permissions (never the password hash).
 */
@injectable()
export class FindUser {
  constructor(@inject(AccountRepository) private readonly accounts: AccountRepository) {}

  async execute(userId: string): Promise<Omit<User, "passwordHash"> | undefined> {
    const user = await this.accounts.findUser(userId);
    if (!user) return undefined;
    const { passwordHash: _secret, ...visible } = user;
    return visible;
  }
}
