import { inject, injectable } from "tsyringe";
import { PayerRepository } from "./payer.repository.js";

/** The ids of an account's payers that are not deleted, for other modules (documents: whose a movement is). */
@injectable()
export class LivePayers {
  constructor(@inject(PayerRepository) private readonly payers: PayerRepository) {}

  async execute(accountId: string): Promise<Set<string>> {
    return new Set((await this.payers.listForAccount(accountId)).map((p) => p.id));
  }
}
