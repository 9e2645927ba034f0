import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { AccountDirectory } from "../accounts/index.js";
import { QuotePrice } from "../catalog/index.js";
import { resumeStep } from "./resume-service.js";
import { ServiceLifecycle } from "./service-lifecycle.js";
import type { Actor, Service } from "./service.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface RenewalPricing {
  perPeriod: number;
  /** The parameters of a downgrade that applies with this renewal, or null. */
  parameters: Service["parameters"] | null;
}

/** What renewing (by balance, or by a paid renewal invoice) shares: the price, and resuming an unpaid service. */
@injectable()
export class RenewalPricer {
  constructor(
    @inject(QuotePrice) private readonly quote: QuotePrice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
  ) {}

  /** The price of one period: the service's own, or that of a downgrade waiting for this renewal. */
  async pricePerPeriod(trx: Database, service: Service): Promise<RenewalPricing> {
    if (!service.nextParameters) return { perPeriod: service.price.amount, parameters: null };
    const account = findOrFail(await this.accounts.find(service.accountId, trx), "account", service.accountId);
    const { priced } = await this.quote.execute(
      {
        brandId: account.brandId,
        productId: service.productId,
        periodMonths: service.periodMonths,
        currency: service.price.currency,
        parameters: service.nextParameters,
        for: "existing",
      },
      trx,
    );
    return { perPeriod: priced.perPeriod, parameters: priced.parameters };
  }

  /** A service suspended for non-payment comes back once paid past `now`. */
  async resumeIfPaid(trx: Database, service: Service, actor: Actor, now: number): Promise<Service> {
    if (service.status !== "suspended" || service.statusReason !== "unpaid" || service.paidUntil === null || service.paidUntil <= now) return service;
    return this.lifecycle.apply(trx, service, resumeStep(service, actor));
  }
}
