import { ProductSummaries } from "../catalog/index.js";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { CabinetEvents, EventBus } from "../../kernel/event-bus.js";
import { inTransaction } from "../../db/transaction.js";
import { newId } from "../../kernel/ids.js";
import { AccountDirectory } from "../accounts/index.js";
import { BrandDirectory } from "../brands/index.js";
import { IssueInvoice, paidPerLine } from "../invoices/index.js";
import { SettleInvoice, type Invoice } from "../invoices/index.js";
import { PostLedgerEntries } from "../ledger/index.js";
import { BillingRunRepository, type WalkCursor } from "./billing-run.repository.js";
import type { Service, ServiceRenewal } from "./service.js";
import { RenewalPricer, type RenewalPricing } from "./renewal-pricer.js";
import { PayerPrices } from "./payer-prices.js";
import { planRenewal, renewalInvoicedStep, renewalRecord, renewalsInvoicedEvent, renewedStep, type RenewalPlan } from "./renewal-planner.js";
import { ServiceLifecycle, type LifecycleStep } from "./service-lifecycle.js";
import { AuditLog, auditActionOf } from "../audit/index.js";

interface Period {
  service: Service;
  plan: RenewalPlan;
  pricing: RenewalPricing;
  /**
   * Set for a service that needs more than its paid-until moved (a downgrade to apply, a
   * suspension to lift): it goes through the services module's lifecycle one by one; the
   * others — nearly all — are written in bulk, with the same step's history and event.
   */
  oneByOne: boolean;
}

export interface RenewalBatch {
  /** Services looked at. */
  scanned: number;
  /** Where the walk goes on (null: no service is left); the second pass's batches have none. */
  next: WalkCursor | null;
  /** Renewed from the balance. */
  renewed: number;
  /** Balance short: periods put on a renewal invoice. */
  invoiced: number;
  /** Renewal invoices issued (one per short account and currency in a batch). */
  invoicesIssued: number;
  /** Balance short in the first pass: left for the second, by account (how many services). */
  deferred: number;
  /** Periods on renewal invoices of earlier runs, still unpaid (an invoice is paid from the balance once it covers it). */
  awaitingPayment: number;
  /** Renewal invoices this batch paid from the balance. */
  invoicesPaid: number;
  /** Minor units charged from balances, by currency. */
  charged: Map<string, number>;
}

type Publication = () => Promise<void>;

/**
 * A batch of the billing run's renewals, in one transaction. The run makes two passes:
 *  - the first walks the services due within the lead time (`execute`): claims the next batch,
 *    charges each one period from its account's balance (the batch's charges posted together
 *    through the ledger's `PostLedgerEntries`), records each renewal under UNIQUE(service,
 *    period start) and moves the paid-until on; a service the balance does not cover is left
 *    as it is, its account noted in `defer`;
 *  - the second takes those accounts a few at a time (`executeForAccounts`), claims all their
 *    services still due, charges what the balance covers now and puts the rest on ONE renewal
 *    invoice per account (and currency), a line per service — not an invoice per service.
 * Either way a period is invoiced once: a later run finds its renewal row and reuses the
 * invoice, paying it from the balance once the balance covers it. Events are published after
 * the commit; a rolled-back batch charged nothing, took no invoice number and announces nothing.
 */
@injectable()
export class RenewDueServices {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(BillingRunRepository) private readonly services: BillingRunRepository,
    @inject(PostLedgerEntries) private readonly postEntries: PostLedgerEntries,
    @inject(IssueInvoice) private readonly issueInvoice: IssueInvoice,
    @inject(SettleInvoice) private readonly settleInvoice: SettleInvoice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(RenewalPricer) private readonly pricer: RenewalPricer,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(PayerPrices) private readonly payerPrices: PayerPrices,
  ) {}

  /** First pass: the next batch of the walk; short services are left due, their accounts counted in `defer`. */
  async execute(input: { now: number; dueBefore: number; cursor: WalkCursor | null; limit: number; defer: Map<string, number> }): Promise<RenewalBatch> {
    const step = await this.services.nextRenewable(input.dueBefore, input.cursor, input.limit);
    const batch = await this.inBatch(input.now, step.ids.length, step.next, (trx) => this.services.claimRenewals(trx, step.ids, input.dueBefore), input.defer);
    return batch;
  }

  /** Second pass: every service still due of these accounts, the short ones invoiced together per account. */
  async executeForAccounts(input: { now: number; dueBefore: number; accountIds: string[] }): Promise<RenewalBatch> {
    // Renewal invoices need their brand: the directory is read (and cached) before the
    // transaction, since SQLite's one connection is the transaction's until it ends.
    await this.brands.byId("");
    return this.inBatch(input.now, 0, null, (trx) => this.services.claimRenewalsOfAccounts(trx, input.accountIds, input.dueBefore), null);
  }

  private async inBatch(
    now: number,
    scanned: number,
    next: WalkCursor | null,
    claim: (trx: Database) => Promise<Service[]>,
    defer: Map<string, number> | null,
  ): Promise<RenewalBatch> {
    const publications: Publication[] = [];
    let deferred: [string, number][] = [];
    const batch = await inTransaction(this.db, async (trx) => {
      publications.length = 0; // a retried transaction announces (and defers) only what its last attempt did
      deferred = [];
      const result: RenewalBatch = {
        scanned,
        next,
        renewed: 0,
        invoiced: 0,
        invoicesIssued: 0,
        deferred: 0,
        awaitingPayment: 0,
        invoicesPaid: 0,
        charged: new Map(),
      };
      // Those a concurrent run holds, or renewed since they were listed, are left out.
      const due = await claim(trx);
      if (due.length > 0) await this.renewBatch(trx, due, now, result, publications, defer ? deferred : null);
      return result;
    });
    for (const [accountId, count] of deferred) defer?.set(accountId, (defer.get(accountId) ?? 0) + count);
    for (const publish of publications) await publish();
    return batch;
  }

  private async renewBatch(
    trx: Database,
    due: Service[],
    now: number,
    batch: RenewalBatch,
    publications: Publication[],
    deferred: [string, number][] | null,
  ): Promise<void> {
    const periods: Period[] = [];
    const products = await this.products.get([...new Set(due.map((s) => s.productId))], trx); // cached: no query in a steady run
    const payerPrice = await this.payerPrices.ofServices(trx, due); // the batch's accounts and payers, a query each
    for (const service of due) {
      const oneByOne = service.status !== "active" || service.nextParameters !== null;
      const pricing = oneByOne ? await this.pricer.pricePerPeriod(trx, service) : { perPeriod: service.price.amount, parameters: null };
      const plan = planRenewal(service, {
        periodStart: service.paidUntil!,
        periods: 1,
        perPeriod: pricing.perPeriod,
        payerPrice: payerPrice(service),
        now,
        product: products.get(service.productId),
      });
      periods.push({ service, plan, pricing, oneByOne });
    }
    const recorded = await this.services.findRenewals(
      trx,
      periods.map((p) => ({ serviceId: p.service.id, periodStart: p.plan.periodStart })),
    );
    const fresh = periods.filter((p) => !recorded.has(`${p.service.id}:${p.plan.periodStart}`));

    // A period that costs nothing (a free plan) is renewed without a ledger entry.
    const charged = fresh.filter((p) => p.plan.posting !== null);
    const results = new Map(
      (
        await this.postEntries.execute(
          trx,
          charged.map((p) => p.plan.posting!),
        )
      ).map((result, i) => [charged[i], result]),
    );

    const renewals: ServiceRenewal[] = [];
    const paid: { period: Period; renewal: ServiceRenewal }[] = [];
    const short: Period[] = [];
    const record = (p: Period, paidBy: { ledgerEntryId?: string | null; invoiceId?: string; invoicedAmount?: number }) =>
      renewalRecord(p.plan, { id: newId("rnw", now), source: "billing-run", now, ...paidBy });
    for (const p of fresh) {
      const result = results.get(p);
      if (!result || result.status === "posted" || result.status === "duplicate") {
        const renewal = record(p, { ledgerEntryId: result?.entry.id ?? null });
        renewals.push(renewal);
        paid.push({ period: p, renewal });
        batch.charged.set(p.plan.currency, (batch.charged.get(p.plan.currency) ?? 0) + p.plan.amount);
        continue;
      }
      // The balance is short (or in another currency): the client pays the period by invoice.
      short.push(p);
    }
    const invoiced: { period: Period; invoiceId: string; amount: number }[] = [];
    if (deferred) {
      // First pass: invoiced in the second, with the account's other short services.
      const byAccount = new Map<string, number>();
      for (const p of short) byAccount.set(p.plan.accountId, (byAccount.get(p.plan.accountId) ?? 0) + 1);
      deferred.push(...byAccount);
      batch.deferred = short.length;
    } else {
      // One invoice per account, currency and payer (the one each service was ordered for), a line per service (claimed in account order).
      const groups = new Map<string, Period[]>();
      for (const p of short) {
        const key = `${p.plan.accountId}:${p.plan.currency}:${p.service.payerId ?? ""}`;
        groups.set(key, [...(groups.get(key) ?? []), p]);
      }
      const notices: CabinetEvents["service.renewals_invoiced"][] = [];
      const invoices = await this.issueRenewalInvoices(
        trx,
        [...groups.values()].map((group) => ({ plans: group.map((p) => p.plan), payerId: group[0].service.payerId })),
      );
      for (const [i, group] of [...groups.values()].entries()) {
        const invoice = invoices[i];
        batch.invoicesIssued++;
        const amounts = paidPerLine(invoice); // a line per period, in the group's order
        for (const [index, p] of group.entries()) {
          renewals.push(record(p, { invoiceId: invoice.id, invoicedAmount: amounts[index] }));
          invoiced.push({ period: p, invoiceId: invoice.id, amount: amounts[index] });
        }
        // One message per invoice, naming its services (not two per service); its notifications commit with the invoice.
        const notice = renewalsInvoicedEvent(
          group.map((p) => p.plan),
          invoice,
        );
        notices.push(notice);
        await this.events.publishWithin(trx, "service.renewals_invoiced", notice);
      }
      await this.audit.recordMany(
        trx,
        notices.map(({ accountId, invoiceId, ...details }) => ({
          accountId,
          action: "service.renewals_invoiced",
          target: { type: "invoice", id: invoiceId },
          details: { ...details, services: details.services.map((s) => s.id), by: "system" },
        })),
      );
    }
    // Recorded first: UNIQUE(service_id, period_start) refuses a period someone renewed meanwhile.
    await this.services.insertRenewals(trx, renewals);

    // The lifecycle's renewal step (renewedStep), written for the whole batch at once: paid-until moved, a history row and an event each.
    const bulk = paid
      .filter(({ period }) => !period.oneByOne)
      .map(({ period, renewal }) => ({ period, step: renewedStep(period.service, renewal, period.pricing, "system") }));
    const extensions = bulk.map(({ period, step }) => ({
      serviceId: period.service.id,
      paidUntil: period.plan.periodStart,
      lastPeriodStart: step.changes!.periodStart!,
      periodEnd: step.changes!.paidUntil!,
    }));
    if (!(await this.services.extendPaidPeriods(trx, extensions, now))) {
      throw new Error("A claimed service's paid period moved during its renewal");
    }
    await this.recordSteps(trx, bulk, now, publications);
    for (const { period, renewal } of paid) {
      if (!period.oneByOne) continue;
      const renewed = await this.lifecycle.apply(trx, period.service, renewedStep(period.service, renewal, period.pricing, "system"));
      await this.pricer.resumeIfPaid(trx, renewed, "system", now);
    }
    batch.renewed = paid.length;

    // The lifecycle's renewal-invoiced step (it changes no column but updated_at), written for the whole batch at once as well:
    // a history row each; its per-service events give way to the invoice's one announcement above.
    const invoicedSteps = invoiced.map(({ period, invoiceId, amount }) => ({
      period,
      step: { ...renewalInvoicedStep(period.plan, invoiceId, "system", amount), events: [] },
    }));
    if (
      !(await this.services.touchClaimed(
        trx,
        invoicedSteps.map(({ period: { service } }) => ({ serviceId: service.id, status: service.status })),
        now,
      ))
    ) {
      throw new Error("A claimed service's status moved during its renewal");
    }
    await this.recordSteps(trx, invoicedSteps, now, publications);
    batch.invoiced = invoiced.length;

    // Periods invoiced by an earlier run: paid from the balance once it covers the invoice (once per invoice: it may hold several).
    const waiting = new Map<string, { accountId: string; periods: number }>();
    for (const renewal of recorded.values()) {
      if (!renewal.invoiceId || renewal.ledgerEntryId) continue;
      waiting.set(renewal.invoiceId, { accountId: renewal.accountId, periods: (waiting.get(renewal.invoiceId)?.periods ?? 0) + 1 });
    }
    for (const [invoiceId, { accountId, periods }] of waiting) {
      const settled = await this.settleInvoice.execute(trx, accountId, invoiceId);
      if (settled.status === "insufficient_funds") batch.awaitingPayment += periods;
      if (settled.status !== "paid") continue; // already paid (and being extended), or voided by staff
      const invoice = settled.invoice;
      batch.invoicesPaid++;
      // Whoever handles a paid renewal invoice (extending the service) hears of it as of any other payment.
      publications.push(() =>
        this.events.publish("invoice.paid", { invoiceId: invoice.id, accountId: invoice.accountId, purpose: "renewal", paidBy: "system" }),
      );
    }
  }

  /**
   * What ServiceLifecycle.apply writes besides the service's row, for many steps that keep their
   * service's status, in one insert each: a history row per step, an audit entry per event (with
   * the step's details), and the events, published once the batch commits.
   */
  private async recordSteps(trx: Database, steps: { period: Period; step: LifecycleStep }[], now: number, publications: Publication[]): Promise<void> {
    await this.services.insertHistory(
      trx,
      steps.map(({ period: { service }, step }) => ({
        serviceId: service.id,
        accountId: service.accountId,
        fromStatus: service.status,
        toStatus: service.status,
        action: step.action,
        details: step.details!,
      })),
      now,
    );
    await this.audit.recordMany(
      trx,
      steps.flatMap(({ period: { service }, step }) =>
        (step.events ?? []).map((event) => {
          const { accountId: _a, serviceId: _s, ...payload } = event.payload as { accountId: string; serviceId: string };
          return {
            accountId: service.accountId,
            action: auditActionOf(event.name),
            target: { type: "service", id: service.id },
            details: { ...payload, ...step.details, by: step.actor },
          };
        }),
      ),
    );
    for (const { step } of steps) {
      for (const event of step.events ?? []) publications.push(() => this.events.publish(event.name, event.payload as never));
    }
  }

  /**
   * The renewal invoices of a batch, one per group (the periods of one account in one currency
   * ordered for one payer): a line each, due when the first of them stops being paid for, made
   * out to that payer (the default when none was chosen, or when it is gone); the accounts read
   * in one query, the invoices issued together (their numbers taken at once, one insert for all).
   */
  private async issueRenewalInvoices(trx: Database, groups: { plans: RenewalPlan[]; payerId: string | null }[]): Promise<Invoice[]> {
    if (groups.length === 0) return [];
    const accounts = await this.accounts.findMany(
      groups.map(({ plans }) => plans[0].accountId),
      trx,
    );
    const inputs = [];
    for (const { plans, payerId } of groups) {
      const { accountId, currency } = plans[0];
      const account = accounts.get(accountId);
      const brand = account && (await this.brands.byId(account.brandId)); // cached: read before the transaction
      if (!brand) throw new Error(`No brand for the account ${accountId} of service ${plans[0].serviceId}`);
      inputs.push({
        brand,
        accountId,
        currency,
        purpose: "renewal" as const,
        lines: plans.map((p) => p.invoiceLine),
        dueInDays: Math.min(...plans.map((p) => p.dueInDays)),
        payerId,
        payerOrDefault: true,
        announcedElsewhere: true,
      });
    }
    return this.issueInvoice.executeMany(trx, inputs);
  }
}
