import { inject, injectable } from "tsyringe";
import { ServiceRepository } from "./service.repository.js";
import { DAY_MS } from "../../kernel/time.js";
import { PayerPrices } from "./payer-prices.js";

/**
 * What the account's auto-renewing services will cost before `until`: the base of the
 * "recommended top-up" that keeps them running. Each service counts once per period due; a
 * period already invoiced is not counted here (the open invoices are, by the balance). At the
 * price each service's payer is charged (without VAT under the reverse charge).
 */
@injectable()
export class SumUpcomingRenewals {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(PayerPrices) private readonly payerPrices: PayerPrices,
  ) {}

  async execute(accountId: string, now: number, until: number): Promise<number> {
    let total = 0;
    const renewing = await this.services.listAutoRenewingBefore(accountId, until);
    if (renewing.length === 0) return 0;
    const payerPrice = await this.payerPrices.ofServices(undefined, renewing);
    for (const service of renewing) {
      const price = payerPrice(service)(service.price.amount);
      // A period is about period_months × 30 days here: close enough for a recommendation.
      const periodMs = service.periodMonths * 30 * DAY_MS;
      let due = Math.max(service.paidUntil!, now);
      if ((await this.services.findRenewal(service.id, service.paidUntil!))?.invoiceId) due += periodMs;
      while (due < until) {
        total += price;
        due += periodMs;
      }
    }
    return total;
  }
}
