import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountRepository, type NewAccount, type NewUser } from "./account.repository.js";

/**
 * Creates an account with its owner for a person signing up through an external identity: no
 * password (they sign in with the identity), the e-mail the provider verified. Written in the
 * caller's transaction, so the identity that proves the owner is bound in the same commit.
 */
@injectable()
export class SignUpExternal {
  constructor(
    @inject(AccountRepository) private readonly accounts: AccountRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(
    input: { brand: { id: string; signUpOpen: boolean; defaultCurrency: string; defaultLocale: string }; email: string; name: string },
    trx: Database,
  ): Promise<{ user: NewUser; account: NewAccount }> {
    if (!input.brand.signUpOpen) throw new CabinetError("CAB_ERR_SIGN_UP_CLOSED");
    const now = this.clock.now();
    const name = input.name.slice(0, 200) || input.email.split("@")[0];
    const account: NewAccount = {
      id: newId("acc", now),
      brandId: input.brand.id,
      name,
      kind: "person",
      currency: input.brand.defaultCurrency,
      status: "active",
      createdAt: now,
    };
    const user: NewUser = {
      id: newId("usr", now),
      brandId: input.brand.id,
      accountId: account.id,
      email: input.email.toLowerCase(),
      name,
      passwordHash: null,
      role: "owner",
      permissions: [],
      status: "active",
      locale: input.brand.defaultLocale,
      // The provider verified it (a sign-up with an unverified one is refused before this).
      emailVerifiedAt: now,
      createdAt: now,
    };
    try {
      await this.accounts.insertAccount(account, trx);
      await this.accounts.insertUser(user, trx);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_EMAIL_TAKEN");
      throw error;
    }
    return { user, account };
  }
}
