import { inject, injectable } from "tsyringe";
import { TOKENS } from "../kernel/tokens.js";
import type { Database } from "../db/create-database.js";
import type { EventBus } from "../kernel/event-bus.js";
import { inTransaction } from "../db/transaction.js";
import { newId } from "../kernel/ids.js";
import { AccountDirectory } from "../modules/accounts/account-directory.js";
import { BrandDirectory } from "../modules/brands/brand-directory.js";
import { IssueInvoice } from "../modules/invoices/issue-invoice.js";
import { SettleInvoice } from "../modules/invoices/settle-invoice.js";
import type { LedgerPosting } from "../modules/ledger/post-ledger-entry.js";
import { PostLedgerEntries } from "../modules/ledger/post-ledger-entries.js";
import { BillingRunRepository, type DueService } from "../modules/services/billing-run.repository.js";
import type { Service, ServiceRenewal } from "../modules/services/service.js";
import { isoDay } from "./billing-period.js";
import { RenewalPricer, type RenewalPricing } from "../modules/services/renewal-pricer.js";
import { renewalLedgerKey, renewedStep } from "../modules/services/renew-service.js";
import { addMonths } from "../modules/services/service-period.js";
import { ServiceLifecycle } from "../modules/services/service-lifecycle.js";
import { AuditLog } from "../modules/audit/index.js";

interface Period {
  service: DueService;
  periodStart: number;
  periodEnd: number;
  /** The price of the period: the service's, or a waiting downgrade's. */
  amount: number;
  /**
   * Set for a service that needs more than its paid-until moved (a downgrade to apply, a
   * suspension to lift): it goes through the services module's lifecycle one by one; the
   * others — nearly all — are written in bulk.
   */
  lifecycle?: { service: Service; pricing: RenewalPricing };
}

export interface RenewalBatch {
  /** Services looked at; fewer than asked means none are left after `lastId`. */
  scanned: number;
  lastId: string | null;
  /** Renewed from the balance. */
  renewed: number;
  /** Balance short: a renewal invoice issued. */
  invoiced: number;
  /** Renewal invoice issued by an earlier run, still unpaid (paid now from the balance when it covers it). */
  awaitingPayment: number;
  /** Renewal invoices this batch paid from the balance. */
  invoicesPaid: number;
  /** Minor units charged from balances, by currency. */
  charged: Map<string, number>;
}

type Publication = () => Promise<void>;

/**
 * One batch of the billing run's renewals, in one transaction: claims the next auto-renewing
 * services due within the lead time, charges each one period from its account's balance (the
 * charges of the whole batch posted together through the ledger's `PostLedgerEntries`), records
 * each renewal under UNIQUE(service, period start) and moves the paid-until on. Where the
 * balance is short it issues a renewal invoice (once per period: a later run finds the renewal
 * row and reuses it, and pays it from the balance once the balance covers it). Events are
 * published after the commit; a rolled-back batch charged nothing and announces nothing.
 */
@injectable()
export class RenewDueServices {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(BillingRunRepository) private readonly services: BillingRunRepository,
    @inject(PostLedgerEntries) private readonly postEntries: PostLedgerEntries,
    @inject(IssueInvoice) private readonly issueInvoice: IssueInvoice,
    @inject(SettleInvoice) private readonly settleInvoice: SettleInvoice,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(RenewalPricer) private readonly pricer: RenewalPricer,
  ) {}

  async execute(input: { now: number; dueBefore: number; afterId: string; limit: number }): Promise<RenewalBatch> {
    const publications: Publication[] = [];
    // Renewal invoices need their brand: the directory is read (and cached) before the
    // transaction, since SQLite's one connection is the transaction's until it ends.
    await this.brands.byId("");
    const ids = await this.services.nextRenewable(input.dueBefore, input.afterId, input.limit);
    const batch = await inTransaction(this.db, async (trx) => {
      publications.length = 0; // a retried transaction announces only what its last attempt did
      return this.renewBatch(trx, ids, input, publications);
    });
    for (const publish of publications) await publish();
    return batch;
  }

  private async renewBatch(trx: Database, ids: string[], input: { now: number; dueBefore: number }, publications: Publication[]): Promise<RenewalBatch> {
    const { now } = input;
    // Those a concurrent run holds, or renewed since they were listed, are left out.
    const due = await this.services.claimRenewals(trx, ids, input.dueBefore);
    const batch: RenewalBatch = { scanned: ids.length, lastId: ids.at(-1) ?? null, renewed: 0, invoiced: 0, awaitingPayment: 0, invoicesPaid: 0, charged: new Map() };
    if (due.length === 0) return batch;

    const periods: Period[] = [];
    for (const service of due) {
      const period: Period = { service, periodStart: service.paidUntil, periodEnd: addMonths(service.paidUntil, service.periodMonths), amount: service.priceAmount };
      if (service.status !== "active" || service.nextParameters) {
        const full = await this.lifecycle.load(trx, service.accountId, service.id); // already ours: claimed above
        const pricing = await this.pricer.pricePerPeriod(trx, full);
        Object.assign(period, { amount: pricing.perPeriod, lifecycle: { service: full, pricing } });
      }
      periods.push(period);
    }
    const recorded = await this.services.findRenewals(trx, periods.map((p) => ({ serviceId: p.service.id, periodStart: p.periodStart })));
    const fresh = periods.filter((p) => !recorded.has(`${p.service.id}:${p.periodStart}`));
    const describe = (p: Period) => `Renewal of ${p.service.label ?? p.service.id}, ${isoDay(p.periodStart)} – ${isoDay(p.periodEnd)}`;

    // A period that costs nothing (a free plan) is renewed without a ledger entry.
    const charged = fresh.filter((p) => p.amount > 0);
    const postings: LedgerPosting[] = charged.map((p) => ({
      accountId: p.service.accountId,
      amount: -p.amount,
      currency: p.service.currency,
      kind: "charge",
      reference: { type: "service", id: p.service.id },
      description: describe(p),
      idempotencyKey: renewalLedgerKey(p.service.id, p.periodStart),
    }));
    const results = new Map((await this.postEntries.execute(trx, postings)).map((result, i) => [charged[i], result]));

    const renewals: ServiceRenewal[] = [];
    const paid: Period[] = [];
    const invoiced: { period: Period; invoiceId: string }[] = [];
    const record = (p: Period, ledgerEntryId: string | null, invoiceId: string | null): ServiceRenewal => ({
      id: newId("rnw", now),
      serviceId: p.service.id,
      accountId: p.service.accountId,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      periods: 1,
      amount: p.amount,
      currency: p.service.currency,
      ledgerEntryId,
      invoiceId,
      source: "billing-run",
      createdAt: now,
    });
    for (const p of fresh) {
      const result = results.get(p);
      if (!result || result.status === "posted" || result.status === "duplicate") {
        renewals.push(record(p, result?.entry.id ?? null, null));
        paid.push(p);
        batch.charged.set(p.service.currency, (batch.charged.get(p.service.currency) ?? 0) + p.amount);
        continue;
      }
      // The balance is short (or in another currency): the client pays the period by invoice.
      const invoiceId = await this.issueRenewalInvoice(trx, p, describe(p), now);
      renewals.push(record(p, null, invoiceId));
      invoiced.push({ period: p, invoiceId });
    }
    // Recorded first: UNIQUE(service_id, period_start) refuses a period someone renewed meanwhile.
    await this.services.insertRenewals(trx, renewals);

    const bulk = paid.filter((p) => !p.lifecycle);
    const extensions = bulk.map((p) => ({ serviceId: p.service.id, paidUntil: p.periodStart, lastPeriodStart: addMonths(p.periodEnd, -p.service.periodMonths), periodEnd: p.periodEnd }));
    if (!(await this.services.extendPaidPeriods(trx, extensions, now))) {
      throw new Error("A claimed service's paid period moved during its renewal");
    }
    // The history row and event that the lifecycle's renewal step writes, for the whole batch at once.
    await this.services.insertHistory(
      trx,
      bulk.map((p) => ({
        serviceId: p.service.id,
        accountId: p.service.accountId,
        fromStatus: p.service.status,
        toStatus: p.service.status,
        action: "renew",
        details: { periods: 1, amount: p.amount, paidUntil: p.periodEnd },
      })),
      now,
    );
    await this.audit.recordMany(
      trx,
      bulk.map((p) => ({
        accountId: p.service.accountId,
        action: "service.renewed",
        target: { type: "service", id: p.service.id },
        details: { periods: 1, amount: p.amount, paidUntil: p.periodEnd, source: "billing-run", by: "system" },
      })),
    );
    for (const p of bulk) {
      const { accountId, id: serviceId } = p.service;
      publications.push(() => this.events.publish("service.renewed", { accountId, serviceId, paidUntil: p.periodEnd, periods: 1, source: "billing-run" }));
    }
    for (const p of paid) {
      if (!p.lifecycle) continue;
      const renewed = await this.lifecycle.apply(trx, p.lifecycle.service, renewedStep(p.lifecycle.service, record(p, null, null), p.lifecycle.pricing, "system"));
      await this.pricer.resumeIfPaid(trx, renewed, "system", now);
    }
    batch.renewed = paid.length;

    for (const { period: p, invoiceId } of invoiced) {
      const service = p.lifecycle?.service ?? (await this.lifecycle.load(trx, p.service.accountId, p.service.id));
      const { accountId, id: serviceId, paidUntil } = p.service;
      await this.lifecycle.apply(trx, service, {
        action: "renewal_invoiced",
        actor: "system",
        details: { invoiceId, periods: 1, amount: p.amount },
        events: [
          { name: "service.renewal_due", payload: { accountId, serviceId, paidUntil, invoiceId } },
          { name: "service.renewal_failed", payload: { accountId, serviceId, reason: "insufficient_funds", invoiceId } },
        ],
      });
    }
    batch.invoiced = invoiced.length;

    // Periods invoiced by an earlier run: paid from the balance once it covers the invoice.
    for (const renewal of recorded.values()) {
      if (!renewal.invoiceId || renewal.ledgerEntryId) continue;
      const settled = await this.settleInvoice.execute(trx, renewal.accountId, renewal.invoiceId);
      if (settled.status === "insufficient_funds") batch.awaitingPayment++;
      if (settled.status !== "paid") continue; // already paid (and being extended), or voided by staff
      const invoice = settled.invoice;
      batch.invoicesPaid++;
      // Whoever handles a paid renewal invoice (extending the service) hears of it as of any other payment.
      publications.push(() => this.events.publish("invoice.paid", { invoiceId: invoice.id, accountId: invoice.accountId, purpose: "renewal" }));
    }
    return batch;
  }

  private async issueRenewalInvoice(trx: Database, p: Period, description: string, now: number): Promise<string> {
    const account = await this.accounts.find(p.service.accountId, trx);
    const brand = account && (await this.brands.byId(account.brandId));
    if (!brand) throw new Error(`No brand for the account ${p.service.accountId} of service ${p.service.id}`);
    const invoice = await this.issueInvoice.execute(trx, {
      brand,
      accountId: p.service.accountId,
      currency: p.service.currency,
      purpose: "renewal",
      lines: [{ description, quantity: 1, unitAmount: p.amount, serviceId: p.service.id }],
      // Due when the service stops being paid for: paying it before then keeps it running.
      dueInDays: Math.max(1, Math.ceil((p.periodStart - now) / 86_400_000)),
    });
    return invoice.id;
  }
}
