import { inject, injectable } from "tsyringe";
import { ServiceRepository } from "./service.repository.js";
import { DAY_MS } from "../../kernel/time.js";

/**
 * What the account's auto-renewing services will cost before `until`: the base of the
 * "recommended top-up" that keeps them running. Each service counts once per period due; a
 * period already invoiced is not counted here (the open invoices are, by the balance).
 */
@injectable()
export class SumUpcomingRenewals {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  async execute(accountId: string, now: number, until: number): Promise<number> {
    let total = 0;
    for (const service of await this.services.listAutoRenewingBefore(accountId, until)) {
      // A period is about period_months × 30 days here: close enough for a recommendation.
      const periodMs = service.periodMonths * 30 * DAY_MS;
      let due = Math.max(service.paidUntil!, now);
      if ((await this.services.findRenewal(service.id, service.paidUntil!))?.invoiceId) due += periodMs;
      while (due < until) {
        total += service.price.amount;
        due += periodMs;
      }
    }
    return total;
  }
}
