import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { newId } from "../../kernel/ids.js";
import { AccountDirectory } from "../accounts/index.js";
import { BrandDirectory } from "../brands/index.js";
import { IssueInvoice } from "../invoices/index.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { RenewalPricer, type RenewalPricing } from "./renewal-pricer.js";
import { addMonths } from "./service-period.js";
import { illegalTransition, ServiceLifecycle, type LifecycleStep } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";
import type { Actor, Service, ServiceRenewal } from "./service.js";

export interface RenewRequest {
  accountId: string;
  serviceId: string;
  periods: number;
  actor: Actor;
  source: ServiceRenewal["source"];
  /** When the balance is short: issue (or reuse) a renewal invoice (default), or change nothing. */
  whenShort?: "invoice" | "nothing";
}

export type RenewOutcome =
  | { paid: "balance"; service: Service; invoiceId: null }
  | { paid: "invoice"; service: Service; invoiceId: string }
  | { paid: "nothing"; service: Service; invoiceId: null };

/** The ledger key of a renewal: a (service, period) is charged at most once, whoever renews it. */
export const renewalLedgerKey = (serviceId: string, periodStart: number) => `renewal:${serviceId}:${periodStart}`;

/**
 * Renews a service for `periods` periods from where its paid period ends. The balance pays
 * when it covers the price; otherwise a renewal invoice waits (paying it extends the service,
 * see {@link ExtendRenewedServices}). Either way a `service_renewals` row is written, whose
 * UNIQUE(service_id, period_start) makes a period charged — or invoiced — at most once. A
 * downgrade waiting for the renewal applies with it, at its price. A service suspended for
 * non-payment is resumed once paid past now. Callable without a request (the billing run).
 */
@injectable()
export class RenewService {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(RenewalPricer) private readonly pricer: RenewalPricer,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
    @inject(IssueInvoice) private readonly issueInvoice: IssueInvoice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
  ) {}

  execute(request: RenewRequest): Promise<RenewOutcome> {
    return inTransaction(this.db, async (trx) => {
      const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
      if ((service.status !== "active" && service.status !== "suspended") || service.cancelAtPeriodEnd) throw illegalTransition(service, "renew");
      const now = this.clock.now();
      const periodStart = service.paidUntil ?? now;
      const periodEnd = addMonths(periodStart, service.periodMonths * request.periods);

      const waiting = await this.services.findRenewal(service.id, periodStart, trx);
      if (waiting?.invoiceId) return { paid: "invoice", service, invoiceId: waiting.invoiceId }; // already invoiced: the same invoice
      if (waiting) throw illegalTransition(service, "renew"); // charged, yet paid_until not moved: never expected

      const pricing = await this.pricer.pricePerPeriod(trx, service);
      const amount = pricing.perPeriod * request.periods;
      const renewal: ServiceRenewal = {
        id: newId("rnw", now),
        serviceId: service.id,
        accountId: service.accountId,
        periodStart,
        periodEnd,
        periods: request.periods,
        amount,
        currency: service.price.currency,
        ledgerEntryId: null,
        invoiceId: null,
        source: request.source,
        createdAt: now,
      };
      const description = `Renewal of ${service.label ?? service.id}, ${service.periodMonths * request.periods} month(s)`;
      const charge =
        amount === 0
          ? null
          : await this.postEntry.execute(trx, {
              accountId: service.accountId,
              amount: -amount,
              currency: service.price.currency,
              kind: "charge",
              reference: { type: "service", id: service.id },
              description,
              idempotencyKey: renewalLedgerKey(service.id, periodStart),
            });
      if (charge === null || charge.status === "posted" || charge.status === "duplicate") {
        await this.services.insertRenewal({ ...renewal, ledgerEntryId: charge?.entry.id ?? null }, trx);
        const renewed = await this.lifecycle.apply(trx, service, renewedStep(service, renewal, pricing, request.actor));
        return { paid: "balance", service: await this.pricer.resumeIfPaid(trx, renewed, request.actor, now), invoiceId: null };
      }
      if (request.whenShort === "nothing") return { paid: "nothing", service, invoiceId: null };

      const account = (await this.accounts.find(service.accountId, trx))!;
      const brand = (await this.brands.byId(account.brandId))!;
      const invoice = await this.issueInvoice.execute(trx, {
        brand,
        accountId: service.accountId,
        currency: service.price.currency,
        purpose: "renewal",
        lines: [{ description, quantity: request.periods, unitAmount: pricing.perPeriod, serviceId: service.id }],
      });
      await this.services.insertRenewal({ ...renewal, invoiceId: invoice.id }, trx);
      const invoiced = await this.lifecycle.apply(trx, service, {
        action: "renewal_invoiced",
        actor: request.actor,
        details: { invoiceId: invoice.id, periods: request.periods, amount },
        events: [{ name: "service.renewal_due", payload: { accountId: service.accountId, serviceId: service.id, paidUntil: periodStart, invoiceId: invoice.id } }],
      });
      return { paid: "invoice", service: invoiced, invoiceId: invoice.id };
    });
  }
}

/** The step that records a paid renewal: paid until the period's end, a waiting downgrade applied. */
export function renewedStep(service: Service, renewal: Pick<ServiceRenewal, "periodStart" | "periodEnd" | "periods" | "amount" | "source">, pricing: RenewalPricing, actor: Actor): LifecycleStep {
  const downgrade = pricing.parameters !== null;
  return {
    action: "renew",
    actor,
    details: { periods: renewal.periods, amount: renewal.amount, paidUntil: renewal.periodEnd, ...(downgrade ? { parameters: pricing.parameters } : {}) },
    changes: {
      paidUntil: renewal.periodEnd,
      // The last paid period: proration divides by its length.
      periodStart: addMonths(renewal.periodEnd, -service.periodMonths),
      ...(downgrade ? { parameters: pricing.parameters!, nextParameters: null, price: { amount: pricing.perPeriod, currency: service.price.currency } } : {}),
    },
    provision: downgrade ? "change" : undefined,
    events: [{ name: "service.renewed", payload: { accountId: service.accountId, serviceId: service.id, paidUntil: renewal.periodEnd, periods: renewal.periods, source: renewal.source } }],
  };
}
