import { ProductSummaries } from "../catalog/index.js";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import { newId } from "../../kernel/ids.js";
import { AccountDirectory } from "../accounts/index.js";
import { BrandDirectory } from "../brands/index.js";
import { IssueInvoice, paidPerLine } from "../invoices/index.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { RenewalPricer } from "./renewal-pricer.js";
import { PayerPrices } from "./payer-prices.js";
import { planRenewal, renewalInvoicedStep, renewalRecord, renewedStep } from "./renewal-planner.js";
import { illegalTransition, ServiceLifecycle } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";
import type { Actor, Service, ServiceRenewal } from "./service.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface RenewRequest {
  accountId: string;
  serviceId: string;
  periods: number;
  actor: Actor;
  source: ServiceRenewal["source"];
  /** When the balance is short: issue (or reuse) a renewal invoice (default), or change nothing. */
  whenShort?: "invoice" | "nothing";
  /** The client's Idempotency-Key: the same request again answers the first outcome, renewing nothing. */
  idempotency?: IdempotentCall;
}

export type RenewOutcome =
  | { paid: "balance"; service: Service; invoiceId: null }
  | { paid: "invoice"; service: Service; invoiceId: string }
  | { paid: "nothing"; service: Service; invoiceId: null };

/**
 * Renews a service for `periods` periods from where its paid period ends. The balance pays
 * when it covers the price; otherwise a renewal invoice waits (paying it extends the service,
 * see {@link ExtendRenewedServices}). Either way a `service_renewals` row is written, whose
 * UNIQUE(service_id, period_start) makes a period charged — or invoiced — at most once. A
 * downgrade waiting for the renewal applies with it, at its price. A service suspended for
 * non-payment is resumed once paid past now. What it writes is planned by renewal-planner.ts, as
 * the billing run's batches plan theirs (renew-due-services.ts).
 */
@injectable()
export class RenewService {
  constructor(
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(RenewalPricer) private readonly pricer: RenewalPricer,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(IssueInvoice) private readonly issueInvoice: IssueInvoice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(IdempotencyLog) private readonly idempotency: IdempotencyLog,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
    @inject(PayerPrices) private readonly payerPrices: PayerPrices,
  ) {}

  async execute(request: RenewRequest): Promise<RenewOutcome> {
    const { outcome } = await this.idempotency.run(request.idempotency, (trx) => this.renew(trx, request));
    return outcome;
  }

  private async renew(trx: Database, request: RenewRequest): Promise<RenewOutcome> {
    const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
    if ((service.status !== "active" && service.status !== "suspended") || service.cancelAtPeriodEnd) throw illegalTransition(service, "renew");
    const now = this.clock.now();
    const periodStart = service.paidUntil ?? now;

    const waiting = await this.services.findRenewal(service.id, periodStart, trx);
    if (waiting?.invoiceId) return { paid: "invoice", service, invoiceId: waiting.invoiceId }; // already invoiced: the same invoice
    if (waiting) throw illegalTransition(service, "renew"); // charged, yet paid_until not moved: never expected

    const pricing = await this.pricer.pricePerPeriod(trx, service);
    const product = (await this.products.get([service.productId], trx)).get(service.productId);
    const payerPrice = await this.payerPrices.ofService(trx, service);
    const plan = planRenewal(service, { periodStart, periods: request.periods, perPeriod: pricing.perPeriod, payerPrice, now, product });
    const record = (paid: { ledgerEntryId?: string | null; invoiceId?: string; invoicedAmount?: number }) =>
      renewalRecord(plan, { id: newId("rnw", now), source: request.source, now, ...paid });
    const charge = plan.posting && (await this.postEntry.execute(trx, plan.posting));
    if (charge === null || charge.status === "posted" || charge.status === "duplicate") {
      const renewal = record({ ledgerEntryId: charge?.entry.id ?? null });
      await this.services.insertRenewal(renewal, trx);
      const renewed = await this.lifecycle.apply(trx, service, renewedStep(service, renewal, pricing, request.actor));
      return { paid: "balance", service: await this.pricer.resumeIfPaid(trx, renewed, request.actor, now), invoiceId: null };
    }
    if (request.whenShort === "nothing") return { paid: "nothing", service, invoiceId: null };

    const account = findOrFail(await this.accounts.find(service.accountId, trx), "account", service.accountId);
    const brand = findOrFail(await this.brands.byId(account.brandId), "brand", account.brandId);
    const invoice = await this.issueInvoice.execute(trx, {
      brand,
      accountId: service.accountId,
      currency: plan.currency,
      purpose: "renewal",
      lines: [plan.invoiceLine],
      dueInDays: plan.dueInDays,
      // The payer it was ordered for (the default when none was, or when that payer is gone).
      payerId: service.payerId,
      payerOrDefault: true,
    });
    const [invoicedAmount] = paidPerLine(invoice);
    await this.services.insertRenewal(record({ invoiceId: invoice.id, invoicedAmount }), trx);
    const invoiced = await this.lifecycle.apply(trx, service, renewalInvoicedStep(plan, invoice.id, request.actor, invoicedAmount));
    return { paid: "invoice", service: invoiced, invoiceId: invoice.id };
  }
}
