import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { AccountDirectory } from "../accounts/index.js";
import { QuotePrice } from "../catalog/index.js";
import { illegalTransition } from "./service-lifecycle.js";
import { PayerPrices } from "./payer-prices.js";
import { periodStartOf, prorate } from "./service-period.js";
import type { ParameterValues, Service } from "./service.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface ChangePlan {
  kind: "upgrade" | "downgrade" | "same";
  appliesAt: "now" | "next_renewal";
  /** Signed minor units due now, at the payer's price (without VAT under the reverse charge): > 0 charged, < 0 credited, 0 nothing. */
  amountDue: number;
  /** The same at the catalog's prices: an upgrade invoice's line, which the invoice prices for its payer (to `amountDue`). */
  catalogAmountDue: number;
  newPricePerPeriod: number;
  /** Every parameter after the change. */
  parameters: ParameterValues;
  remainingDays: number;
  periodDays: number;
}

/**
 * Works out what changing a service's parameters means — the preview shows it, the change does
 * it: the new price per period (by the catalog's one price rule), upgrade or downgrade, when it
 * applies (an upgrade now; a downgrade by the product's rule) and the prorated amount due now,
 * at the price of the service's payer (PayerPrices).
 * Only an active service, not marked for cancellation, can change.
 */
@injectable()
export class ServiceChangePlanner {
  constructor(
    @inject(QuotePrice) private readonly quote: QuotePrice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(PayerPrices) private readonly payerPrices: PayerPrices,
  ) {}

  async plan(service: Service, requested: Record<string, unknown>, db?: Database): Promise<ChangePlan> {
    if (service.status !== "active" || service.cancelAtPeriodEnd) throw illegalTransition(service, "change");
    const account = findOrFail(await this.accounts.find(service.accountId, db), "account", service.accountId);
    const { product, priced } = await this.quote.execute(
      {
        brandId: account.brandId,
        productId: service.productId,
        periodMonths: service.periodMonths,
        currency: service.price.currency,
        parameters: { ...service.parameters, ...requested },
        for: "existing",
      },
      db,
    );
    const difference = priced.perPeriod - service.price.amount;
    const kind = difference > 0 ? "upgrade" : difference < 0 ? "downgrade" : "same";
    const appliesAt = kind === "downgrade" && product.downgradeRule === "next_renewal" ? "next_renewal" : "now";
    const proration =
      service.paidUntil === null
        ? { remainingDays: 0, periodDays: 0, amount: 0 }
        : prorate(difference, { periodStart: periodStartOf({ ...service, paidUntil: service.paidUntil }), paidUntil: service.paidUntil }, this.clock.now());
    const catalogAmountDue = appliesAt === "now" ? proration.amount : 0;
    const payerPrice = await this.payerPrices.ofService(db, service);
    return {
      kind,
      appliesAt,
      amountDue: payerPrice(catalogAmountDue),
      catalogAmountDue,
      newPricePerPeriod: priced.perPeriod,
      parameters: priced.parameters,
      remainingDays: proration.remainingDays,
      periodDays: proration.periodDays,
    };
  }
}
