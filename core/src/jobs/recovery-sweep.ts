import { inject, injectable, type DependencyContainer } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../kernel/tokens.js";
import type { Clock } from "../kernel/clock.js";
import type { CabinetConfig } from "../config/config.schema.js";
import type { JobQueue } from "../extension-points/job-queue.js";
import type { ProvisionAction } from "../extension-points/provisioner.js";
import { ClaimLostProvisioning } from "../modules/services/index.js";
import { ListUnfinishedPaidInvoices } from "../modules/services/index.js";
import { StartPaidServices } from "../modules/services/index.js";
import { ExtendRenewedServices } from "../modules/services/index.js";
import { ApplyPaidChanges } from "../modules/services/index.js";
import { FindPaidInvoices } from "../modules/invoices/index.js";
import { EnqueueProvisioning } from "../modules/provisioning/index.js";
import { RecoverPendingPayments, type PaymentRecovery } from "../modules/payments/index.js";

export const RECOVERY_JOB = "recovery-sweep";

export interface RecoverySummary {
  /** Provisioner actions enqueued again. */
  provisioning: number;
  /** Services of paid order invoices started, and of paid renewal invoices extended. */
  started: number;
  extended: number;
  /** Upgrades of paid invoices applied (or refunded, when the service moved on). */
  changed: number;
  payments: PaymentRecovery;
}

const PAGE = 200;

/**
 * One recovery sweep: finishes what a dead process left halfway, each part through the use
 * case that would have done it (so each is as idempotent as that use case). A part that fails
 * is logged and the others still run; the next sweep tries it again.
 */
@injectable()
export class RunRecoverySweep {
  constructor(
    @inject(ClaimLostProvisioning) private readonly lostProvisioning: ClaimLostProvisioning,
    @inject(EnqueueProvisioning) private readonly enqueueProvisioning: EnqueueProvisioning,
    @inject(ListUnfinishedPaidInvoices) private readonly unfinished: ListUnfinishedPaidInvoices,
    @inject(FindPaidInvoices) private readonly paidInvoices: FindPaidInvoices,
    @inject(StartPaidServices) private readonly startPaid: StartPaidServices,
    @inject(ExtendRenewedServices) private readonly extendRenewed: ExtendRenewedServices,
    @inject(ApplyPaidChanges) private readonly applyChanges: ApplyPaidChanges,
    @inject(RecoverPendingPayments) private readonly payments: RecoverPendingPayments,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  async execute(): Promise<RecoverySummary> {
    const summary: RecoverySummary = { provisioning: 0, started: 0, extended: 0, changed: 0, payments: { looked: 0, settled: 0, expired: 0 } };
    // Payments first: one settled now pays its invoice, whose services the next part starts.
    await this.part("payments", async () => {
      summary.payments = await this.payments.execute();
    });
    await this.part("paid invoices", async () => {
      summary.started = await this.eachPaid(
        (after) => this.unfinished.orders(after, PAGE),
        async (p) => (await this.startPaid.execute(p.accountId, p.invoiceId)).length,
      );
      summary.extended = await this.eachPaid(
        (after) => this.unfinished.renewals(after, PAGE),
        async (p) => (await this.extendRenewed.execute(p.accountId, p.invoiceId)).length,
      );
      summary.changed = await this.eachPaid(
        (after) => this.unfinished.changes(after, PAGE),
        async (p) => (await this.applyChanges.execute(p.accountId, p.invoiceId)).length,
      );
    });
    await this.part("provisioning", async () => {
      const now = this.clock.now();
      const lost = await this.lostProvisioning.execute({ before: now - this.config.recovery.provisioningAfterMs, now, limit: 500 });
      for (const job of lost) await this.enqueueProvisioning.enqueue({ serviceId: job.serviceId, action: job.action as ProvisionAction, seq: job.seq });
      summary.provisioning = lost.length;
    });
    const { provisioning, started, extended, changed, payments } = summary;
    if (provisioning + started + extended + changed + payments.looked > 0) this.logger.info({ recovery: summary }, "recovery sweep finished work left halfway");
    return summary;
  }

  private async eachPaid(
    page: (after: string) => Promise<{ accountId: string; invoiceId: string }[]>,
    handle: (p: { accountId: string; invoiceId: string }) => Promise<number>,
  ): Promise<number> {
    let count = 0;
    for (let after = ""; ;) {
      const pairs = await page(after);
      if (pairs.length === 0) return count;
      for (const paid of await this.paidInvoices.execute(pairs)) count += await handle(paid);
      if (pairs.length < PAGE) return count;
      after = pairs[pairs.length - 1].invoiceId;
    }
  }

  private async part(name: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error({ err: error, part: name }, "recovery sweep part failed; the next sweep tries again");
    }
  }
}

/**
 * Runs the recovery sweep on the core's job queue: once at start, then every
 * `recovery.intervalMs` (one job id, so a sweep still running is not doubled; on a shared queue
 * one node runs each tick). `cabinet serve` calls it; a host that mounts the core calls it once
 * after `createCabinet`, as it does `scheduleBilling`. Returns false when the interval is 0.
 *
 * @example
 * const cabinet = await createCabinet(config);
 * await scheduleRecovery(cabinet.container);
 */
export async function scheduleRecovery(container: DependencyContainer): Promise<boolean> {
  const config = container.resolve<CabinetConfig>(TOKENS.Config);
  if (config.recovery.intervalMs === 0) return false;
  const queue = container.resolve<JobQueue>(TOKENS.JobQueue);
  const logger = container.resolve<Logger>(TOKENS.Logger);
  queue.process(
    RECOVERY_JOB,
    async () => {
      await container.resolve(RunRecoverySweep).execute();
    },
    {
      onFailed: async (_payload, error) => logger.error({ err: error }, "recovery sweep failed; the next one tries again"),
    },
  );
  await queue.repeat(RECOVERY_JOB, config.recovery.intervalMs);
  await queue.enqueue(RECOVERY_JOB, {}, { jobId: "repeat", attempts: 1 });
  return true;
}
