import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { AccountDirectory } from "../accounts/index.js";
import { BrandDirectory } from "../brands/index.js";
import { PayersVat, payerChoiceKey, priceForPayer } from "../payers/index.js";
import type { Service } from "./service.js";

/** What a service's payer pays for a catalog amount (see priceForPayer). */
export type PayerPrice = (catalogAmount: number) => number;

/**
 * The payers' prices of services: for each, the payers module's one rule (priceForPayer) with the
 * VAT treatment its renewal or upgrade invoice would get — the payer it was ordered for, else
 * the account's default. Every charge of a running service from the balance (a renewal, one
 * by one or the billing run's batch; an upgrade or a downgrade's credit) and what a
 * cancellation gives back take their amounts from here, so a reverse-charge payer is charged
 * without VAT wherever they pay. Reads the accounts and their payers in one query each; the
 * brands come from the directory's cache, without waiting for another connection inside a transaction.
 */
@injectable()
export class PayerPrices {
  constructor(
    @inject(PayersVat) private readonly payersVat: PayersVat,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
  ) {}

  async ofServices(
    db: Database | undefined,
    services: Pick<Service, "accountId" | "payerId">[],
  ): Promise<(service: Pick<Service, "accountId" | "payerId">) => PayerPrice> {
    const accounts = await this.accounts.findMany(
      services.map((s) => s.accountId),
      db,
    );
    const choices = [];
    for (const service of services) {
      const account = accounts.get(service.accountId);
      const brand = account && (await this.brands.byId(account.brandId, db));
      if (!brand) throw new Error(`No brand for the account ${service.accountId}`);
      choices.push({ accountId: service.accountId, payerId: service.payerId, brand });
    }
    const vat = await this.payersVat.execute(db, choices);
    const brandOf = new Map(choices.map((c) => [c.accountId, c.brand]));
    return (service) => {
      const treatment = vat.get(payerChoiceKey({ accountId: service.accountId, payerId: service.payerId }));
      const brand = brandOf.get(service.accountId);
      if (!treatment || !brand) throw new Error(`No price rule asked for the service's payer in account ${service.accountId}`);
      return (amount) => priceForPayer(brand, treatment, amount);
    };
  }

  async ofService(db: Database | undefined, service: Pick<Service, "accountId" | "payerId">): Promise<PayerPrice> {
    return (await this.ofServices(db, [service]))(service);
  }
}
