import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountDirectory } from "../accounts/index.js";
import { describePayer } from "./describe-payer.js";
import { PayerRepository } from "./payer.repository.js";

/** For staff: an account of their brand's payers, deleted ones too (marked); another brand's account answers 404. */
@injectable()
export class ListAccountPayers {
  constructor(
    @inject(PayerRepository) private readonly payers: PayerRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {}

  async execute(staff: { brandId: string }, accountId: string) {
    const account = await this.accounts.find(accountId);
    if (!account || account.brandId !== staff.brandId) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "account" });
    return { items: (await this.payers.listAllForAccount(accountId)).map(describePayer) };
  }
}
