import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import { afterCommitCaughtUp } from "../../db/transaction.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { BillingRunRepository } from "./billing-run.repository.js";
import { days } from "./service-period.js";
import { DeleteExpiredServices } from "./delete-expired-services.js";
import { JobLease } from "../../kernel/job-lease.js";
import { RenewDueServices, type RenewalBatch } from "./renew-due-services.js";
import { CancelEndedServices } from "./cancel-ended-services.js";
import type { OverdueBatch, OverdueBatchInput } from "./move-overdue-services.js";
import { SuspendOverdueServices } from "./suspend-overdue-services.js";
import type { Overdue, WalkCursor } from "./billing-run.repository.js";

export type BillingPhase = "renew" | "cancel" | "suspend" | "delete";

export interface BillingProgress {
  phase: BillingPhase;
  /** Services of this phase handled so far, and how many were due when it began. */
  done: number;
  total: number;
}

export interface BillingSummary {
  /** Set when the run did nothing because another run holds the lease (SQLite). */
  skipped: "another run holds the lease" | null;
  renewed: number;
  invoiced: number;
  awaitingPayment: number;
  invoicesPaid: number;
  /** Cancelled at the end of their paid period, as their clients asked. */
  cancelled: number;
  suspended: number;
  deleted: number;
  /** Minor units charged from balances, by currency. */
  charged: { currency: string; amount: number }[];
  batches: number;
  durationMs: number;
}

export const BILLING_LEASE = "billing-run";
const LEASE_TTL_MS = 60_000;

/*
 * Why the run slices its work on SQLite. The embedded database is one connection in this
 * process, and better-sqlite3 runs every query synchronously on the event loop: while a batch's
 * transaction is open, no request can read anything (they queue for the connection), and a
 * run of 500-service batches back to back kept a server deaf for seconds. So on SQLite:
 *  - a batch's size adapts so that its transaction lasts about SQLITE_SLICE_MS (it starts
 *    small and grows or shrinks after each batch from the time the last one took — an unpaid
 *    account's invoice costs more than a plain renewal, a busy machine makes everything slower);
 *  - between batches the run steps aside: it yields to the event loop, and keeps yielding while
 *    anything else uses or waits for the connection (at most SQLITE_YIELD_CAP_MS, so a steady
 *    stream of requests slows the run down but never stops it). A request that arrived during
 *    a batch thus runs all its queries before the next batch starts, and waits at most about
 *    one slice.
 * A worker thread was the other design: it would need a second connection to the file (none
 * for `:memory:`), and two connections in one process wait on each other's write lock with a
 * synchronous busy-wait that freezes the main thread all the same. On MySQL/MariaDB requests
 * have connections of their own: the run keeps `billing.batchSize` and does not yield; nor
 * does `cabinet billing-run`, whose process serves nothing (`alone: true`) — beside a serving
 * process on the same file it blocks only that process's writes, a batch at a time (WAL lets
 * readers through).
 */
const SQLITE_SLICE_MS = 40;
const SQLITE_FIRST_BATCH = 50;
const SQLITE_MIN_BATCH = 5;
const SQLITE_YIELD_CAP_MS = 200;

interface ConnectionPool {
  numUsed(): number;
  numPendingAcquires(): number;
}

/**
 * The billing run: renews what is due (from balances, or with renewal invoices), cancels what
 * its clients cancelled at period end once the period is over, suspends services unpaid past
 * the grace, then deletes those unpaid past the longer grace — each phase
 * in batches of `billing.batchSize`, each batch one transaction that claims its services.
 * Running it again changes nothing that was done; several runs at once on MySQL/MariaDB share
 * the work (rows are claimed with `SKIP LOCKED`); on SQLite a second run finds the lease taken
 * and does nothing. A run killed halfway leaves whole batches done and the rest due: the next
 * run finishes the job, charging no (service, period) twice.
 */
@injectable()
export class RunBilling {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(BillingRunRepository) private readonly services: BillingRunRepository,
    @inject(RenewDueServices) private readonly renew: RenewDueServices,
    @inject(SuspendOverdueServices) private readonly suspend: SuspendOverdueServices,
    @inject(CancelEndedServices) private readonly cancel: CancelEndedServices,
    @inject(DeleteExpiredServices) private readonly remove: DeleteExpiredServices,
    @inject(JobLease) private readonly lease: JobLease,
  ) {}

  /**
   * `alone`: nothing else uses this process's database connection (the `cabinet billing-run`
   * command), so on SQLite the run need not slice its work for requests.
   */
  async execute(options: { onProgress?: (progress: BillingProgress) => void; alone?: boolean } = {}): Promise<BillingSummary> {
    const started = performance.now();
    const summary: BillingSummary = {
      skipped: null,
      renewed: 0,
      invoiced: 0,
      awaitingPayment: 0,
      invoicesPaid: 0,
      cancelled: 0,
      suspended: 0,
      deleted: 0,
      charged: [],
      batches: 0,
      durationMs: 0,
    };
    const leaseHolder = dialectOf(this.db) === "sqlite" ? await this.lease.acquire(BILLING_LEASE, LEASE_TTL_MS) : undefined;
    if (leaseHolder === null) {
      this.logger.info("billing run skipped: another run holds the lease");
      return { ...summary, skipped: "another run holds the lease" };
    }
    try {
      const { renewalLeadDays, suspendAfterDays, deleteAfterDays } = this.config.billing;
      const now = this.clock.now();
      const afterBatch = async () => {
        summary.batches++;
        // Back-pressure: what a batch's commit set off (its invoices' documents, its events'
        // notices) ends before the next batch begins. Left to run behind, it piled up with every
        // batch: a million services' run held ten thousand invoices' documents in memory at once.
        await afterCommitCaughtUp();
        if (leaseHolder && !(await this.lease.renew(BILLING_LEASE, leaseHolder, LEASE_TTL_MS))) throw new Error("The billing run lost its lease");
      };
      const charged = new Map<string, number>();

      const renewBefore = now + days(renewalLeadDays);
      const sliced = dialectOf(this.db) === "sqlite" && !options.alone;
      const addRenewals = (batch: RenewalBatch) => {
        summary.renewed += batch.renewed;
        summary.invoiced += batch.invoiced;
        summary.awaitingPayment += batch.awaitingPayment;
        summary.invoicesPaid += batch.invoicesPaid;
        for (const [currency, amount] of batch.charged) charged.set(currency, (charged.get(currency) ?? 0) + amount);
      };
      // First pass: renewals the balances cover; the accounts short of money are noted (with how many services) for the second.
      const short = new Map<string, number>();
      await this.walk(sliced, "renew", await this.services.countRenewable(renewBefore), options.onProgress, async (cursor, limit) => {
        const batch = await this.renew.execute({ now, dueBefore: renewBefore, cursor, limit, defer: short });
        addRenewals(batch);
        await afterBatch();
        return batch;
      });
      // Second pass: each short account's due services together — what the balance covers now is charged, the rest put on one invoice.
      await this.inSlices(
        sliced,
        [...short].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        async (accountIds) => {
          addRenewals(await this.renew.executeForAccounts({ now, dueBefore: renewBefore, accountIds }));
          await afterBatch();
        },
      );

      const overdue = async (phase: "cancel" | "suspend" | "delete", which: Overdue, run: (input: OverdueBatchInput) => Promise<OverdueBatch>) => {
        await this.walk(sliced, phase, await this.services.countOverdue(which), options.onProgress, async (cursor, limit) => {
          const batch = await run({ now, cursor, limit });
          summary[({ cancel: "cancelled", suspend: "suspended", delete: "deleted" } as const)[phase]] += batch.moved;
          await afterBatch();
          return batch;
        });
      };
      await overdue("cancel", { statuses: ["active", "suspended"], paidBefore: now + 1, cancelAtPeriodEnd: true }, (input) => this.cancel.execute(input));
      const suspendBefore = now - days(suspendAfterDays);
      await overdue("suspend", { statuses: ["active"], paidBefore: suspendBefore }, (input) => this.suspend.execute({ ...input, paidBefore: suspendBefore }));
      const deleteBefore = now - days(deleteAfterDays);
      await overdue("delete", { statuses: ["suspended"], paidBefore: deleteBefore }, (input) => this.remove.execute({ ...input, paidBefore: deleteBefore }));

      summary.charged = [...charged].map(([currency, amount]) => ({ currency, amount }));
      summary.durationMs = Math.round(performance.now() - started);
      const { charged: amounts, ...counts } = summary;
      this.logger.info({ ...counts, charged: amounts }, "billing run done");
      return summary;
    } finally {
      if (leaseHolder) await this.lease.release(BILLING_LEASE, leaseHolder);
    }
  }

  /**
   * Runs a phase's batches along the id order until a batch comes back short: of
   * `billing.batchSize` each, or when `sliced` sized to a time slice, stepping aside between them
   * (see SQLITE_SLICE_MS above).
   */
  private async walk(
    sliced: boolean,
    phase: BillingPhase,
    total: number,
    onProgress: ((progress: BillingProgress) => void) | undefined,
    runBatch: (cursor: WalkCursor | null, limit: number) => Promise<{ scanned: number; next: WalkCursor | null }>,
  ): Promise<void> {
    const { batchSize } = this.config.billing;
    let limit = sliced ? Math.min(batchSize, SQLITE_FIRST_BATCH) : batchSize;
    let done = 0;
    onProgress?.({ phase, done, total });
    for (let cursor: WalkCursor | null = null; ;) {
      if (sliced) await this.stepAside();
      const started = performance.now();
      const batch = await runBatch(cursor, limit);
      done += batch.scanned;
      // Services that fell due during the run (or were skipped as another run's) make `done` pass the count taken at the start.
      onProgress?.({ phase, done, total: Math.max(total, done) });
      if (batch.next === null) return;
      cursor = batch.next;
      if (sliced) limit = nextSlice(limit, performance.now() - started, batchSize);
    }
  }

  /**
   * Runs `work` over `accounts` (id, services due) in groups of whole accounts holding about a
   * batch of services (one account alone when it has more), sized and spaced as the walk's.
   */
  private async inSlices(sliced: boolean, accounts: [string, number][], work: (accountIds: string[]) => Promise<void>): Promise<void> {
    const { batchSize } = this.config.billing;
    let limit = sliced ? Math.min(batchSize, SQLITE_FIRST_BATCH) : batchSize;
    for (let i = 0; i < accounts.length;) {
      const group: string[] = [];
      for (let services = 0; i < accounts.length && (group.length === 0 || services + accounts[i][1] <= limit); i++) {
        group.push(accounts[i][0]);
        services += accounts[i][1];
      }
      if (sliced) await this.stepAside();
      const started = performance.now();
      await work(group);
      if (sliced) limit = nextSlice(limit, performance.now() - started, batchSize);
    }
  }

  /** Yields to the event loop, then keeps yielding while requests use or wait for the (one) SQLite connection. */
  private async stepAside(): Promise<void> {
    const pool = (this.db.client as { pool?: ConnectionPool }).pool;
    const until = performance.now() + SQLITE_YIELD_CAP_MS;
    do await new Promise((resolve) => setImmediate(resolve));
    while (
      // The pool object stays; its counts change while we yield.
      // eslint-disable-next-line no-unmodified-loop-condition
      pool &&
      (pool.numUsed() > 0 || pool.numPendingAcquires() > 0) &&
      performance.now() < until
    );
  }
}

/**
 * The next batch size on SQLite: toward the size that would have taken SQLITE_SLICE_MS at the
 * last batch's pace, moving half-way (in ratio) so one slow batch does not swing it.
 */
export function nextSlice(limit: number, tookMs: number, batchSize: number): number {
  const target = (limit * SQLITE_SLICE_MS) / Math.max(tookMs, 1);
  return Math.max(SQLITE_MIN_BATCH, Math.min(batchSize, Math.round(Math.sqrt(limit * target))));
}
