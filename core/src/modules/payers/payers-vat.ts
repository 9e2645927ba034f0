import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { servesCountry, vatTreatment, type Payer, type VatBrand, type VatTreatment } from "./payer.js";
import { PayerRepository } from "./payer.repository.js";

/** An account's payer as a service names it: one of its payers, or null for the account's default. */
export interface PayerChoice {
  accountId: string;
  payerId: string | null;
}

/** The key of a choice in the map PayersVat answers. */
export const payerChoiceKey = (choice: PayerChoice) => `${choice.accountId}:${choice.payerId ?? ""}`;

/**
 * The brand's VAT rule for many accounts' payers at once, as an invoice nobody is choosing a
 * payer for would apply it (ChoosePayer's `orDefault`: a payer deleted since, or in a country
 * the brand stopped serving, gives way to the account's default) — in one query, writing
 * nothing: an account without a default payer yet would get one made from its profile, with
 * no country, which the brand's rate applies to. For charges from the balance (the billing
 * run's renewals, a client's renewal or upgrade), so they take what the invoice would have.
 */
@injectable()
export class PayersVat {
  constructor(@inject(PayerRepository) private readonly payers: PayerRepository) {}

  async execute(trx: Database | undefined, choices: (PayerChoice & { brand: VatBrand })[]): Promise<Map<string, VatTreatment>> {
    const accountIds = [...new Set(choices.map((c) => c.accountId))];
    const payerIds = [...new Set(choices.flatMap((c) => (c.payerId ? [c.payerId] : [])))];
    const rows = await this.payers.findLiveOrDefault(accountIds, payerIds, trx);
    const byId = new Map<string, Payer>();
    const defaults = new Map<string, Payer>();
    for (const payer of rows) {
      if (payer.isDefault) defaults.set(payer.accountId, payer);
      if (payer.deletedAt === null) byId.set(payer.id, payer);
    }
    const answer = new Map<string, VatTreatment>();
    for (const choice of choices) {
      const named = choice.payerId ? byId.get(choice.payerId) : undefined;
      const usable = named && named.accountId === choice.accountId && (named.country === null || servesCountry(choice.brand, named.country));
      const payer = usable ? named : defaults.get(choice.accountId);
      answer.set(payerChoiceKey(choice), payer ? vatTreatment(choice.brand, payer) : { taxRateBp: choice.brand.vatRateBp, note: null });
    }
    return answer;
  }
}
