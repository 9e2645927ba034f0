import { inject, injectable } from "tsyringe";
import type { PersonalDataSource, PersonalDataSubject } from "../../kernel/personal-data.js";
import { PayerRepository } from "./payer.repository.js";

/** The account's payers (names, addresses, numbers), deleted ones too, for the personal-data export (with `finance`). */
@injectable()
export class PayersPersonalData implements PersonalDataSource {
  readonly name = "payers";

  constructor(@inject(PayerRepository) private readonly payers: PayerRepository) {}

  async collect(subject: PersonalDataSubject) {
    if (!subject.may("finance")) return { sections: [], files: [] };
    const rows = (await this.payers.listAllForAccount(subject.accountId)).map(({ accountId: _, ...payer }) => payer);
    return { sections: [{ name: "payers", rows }], files: [] };
  }
}
