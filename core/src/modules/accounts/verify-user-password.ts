import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { AccountRepository } from "./account.repository.js";
import type { PasswordHasher } from "./password-hasher.js";

/**
 * Re-authentication before a sensitive change (binding or unbinding a sign-in method): whether
 * `password` is the user's. `none`: the user has no password (they sign in externally only).
 */
@injectable()
export class VerifyUserPassword {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
  ) {}

  async execute(userId: string, password: string | undefined): Promise<"ok" | "wrong" | "none"> {
    const user = await this.accounts.findUser(userId);
    if (!user?.passwordHash) return "none";
    if (password === undefined) return "wrong";
    return (await this.hasher.verify(user.passwordHash, password)) ? "ok" : "wrong";
  }
}
