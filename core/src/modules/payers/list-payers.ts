import { inject, injectable } from "tsyringe";
import type { AuthContext } from "../accounts/index.js";
import { describePayer } from "./describe-payer.js";
import { EnsureDefaultPayer } from "./ensure-default-payer.js";
import { PayerRepository } from "./payer.repository.js";

/** The account's payers, the default first; an account that has none yet gets its default from its profile. */
@injectable()
export class ListPayers {
  constructor(
    @inject(PayerRepository) private readonly payers: PayerRepository,
    @inject(EnsureDefaultPayer) private readonly ensureDefault: EnsureDefaultPayer,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">) {
    await this.ensureDefault.execute(auth.accountId);
    return { items: (await this.payers.listForAccount(auth.accountId)).map(describePayer) };
  }
}
