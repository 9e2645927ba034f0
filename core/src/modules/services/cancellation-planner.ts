import { inject, injectable } from "tsyringe";
import { localText, type LocalText } from "../../i18n/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { FindProduct, type CancelRefundRule } from "../catalog/index.js";
import { FindInvoice } from "../invoices/index.js";
import { priceForPayer } from "../payers/index.js";
import { PayerPrices } from "./payer-prices.js";
import { AccountDirectory } from "../accounts/index.js";
import { BrandDirectory } from "../brands/index.js";
import { illegalTransition } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";
import { isoDay, periodStartOf, prorate } from "./service-period.js";
import type { Service } from "./service.js";

export interface CancellationPlan {
  /** `withdraw`: an unpaid order is called off (its invoice voided); `cancel`: the service stops. */
  kind: "cancel" | "withdraw";
  refundRule: CancelRefundRule;
  /** Minor units credited to the balance (≥ 0). */
  refund: number;
  remainingDays: number;
  /** A withdrawal: the order's invoice, and every service it pays for. */
  invoiceId: string | null;
  services: Service[];
}

/**
 * What cancelling a service now means — the preview shows it, the cancellation does it. A service
 * awaiting its first payment is withdrawn with the rest of its order (one invoice pays them all).
 * A running one gives back what its product's rule says: nothing (`none`), or its price for the
 * whole days already paid for and not used yet (`prorated`, by the proration rule of a change:
 * truncated to the minor unit, the day under way counting as used) — of the price its client
 * paid: a period invoiced, or charged from the balance, under the reverse charge by a brand whose
 * prices include VAT was paid without it, and gives back without it (never more than came in).
 */
@injectable()
export class CancellationPlanner {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(FindProduct) private readonly products: FindProduct,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(FindInvoice) private readonly invoices: FindInvoice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(PayerPrices) private readonly payerPrices: PayerPrices,
  ) {}

  async plan(service: Service, db?: Database, lock = false): Promise<CancellationPlan> {
    const product = await this.products.execute(service.productId, db);
    const refundRule: CancelRefundRule = product?.cancelRefund ?? "none";
    if (service.status === "pending_payment") {
      const orderId = service.orderId;
      if (orderId === null) throw illegalTransition(service, "cancel");
      const invoiceId = await this.services.orderInvoiceId(service.accountId, orderId, db);
      const services = (await this.services.listByOrder(service.accountId, orderId, db, lock)).filter((s) => s.status === "pending_payment");
      return { kind: "withdraw", refundRule, refund: 0, remainingDays: 0, invoiceId, services };
    }
    const running = service.status === "active" || service.status === "suspended";
    if (!running || service.paidUntil === null) return { kind: "cancel", refundRule, refund: 0, remainingDays: 0, invoiceId: null, services: [service] };
    const paidUntil = service.paidUntil;
    const proration = prorate(
      await this.pricePaid(service, paidUntil, db),
      { periodStart: periodStartOf({ ...service, paidUntil }), paidUntil },
      this.clock.now(),
    );
    const refund = refundRule === "prorated" ? Math.max(0, proration.amount) : 0;
    return { kind: "cancel", refundRule, refund, remainingDays: proration.remainingDays, invoiceId: null, services: [service] };
  }

  /**
   * The price of a period as the client paid it: at the VAT treatment of the invoice that paid the
   * current period, else (paid from the balance) at the price of the service's payer — without
   * VAT under the reverse charge, either way by the payers' one rule (priceForPayer).
   */
  private async pricePaid(service: Service, paidUntil: number, db?: Database): Promise<number> {
    const renewal = await this.services.findRenewalEnding(service.id, paidUntil, db);
    const invoiceId = renewal ? renewal.invoiceId : service.orderId && (await this.services.orderInvoiceId(service.accountId, service.orderId, db));
    if (!invoiceId) return (await this.payerPrices.ofService(db, service))(service.price.amount);
    const invoice = await this.invoices.execute(service.accountId, invoiceId, db);
    if (!invoice) return service.price.amount;
    const account = await this.accounts.find(service.accountId, db);
    const brand = account && (await this.brands.byId(account.brandId));
    return brand
      ? priceForPayer({ ...brand, vatInclusive: invoice.taxInclusive }, { taxRateBp: invoice.taxRateBp, note: invoice.taxNote }, service.price.amount)
      : service.price.amount;
  }

  /** The ledger's words for a cancellation's refund: the days paid for that come back. */
  static refundDescription(service: Service, plan: CancellationPlan): LocalText {
    return localText("ledger.refund_cancel", { service: service.label ?? service.id, days: plan.remainingDays, until: isoDay(service.paidUntil!) });
  }
}
