import type { DependencyContainer } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../kernel/tokens.js";
import type { CabinetConfig } from "../config/config.schema.js";
import type { JobQueue } from "../extension-points/job-queue.js";
import type { Metrics } from "../kernel/metrics.js";
import { RunBilling } from "../modules/services/index.js";

export const BILLING_JOB = "billing-run";

/**
 * Runs the billing run on the core's job queue every `billing.intervalMinutes` (and once soon
 * after start), as `cabinet serve` and `cabinet demo` do. A run still going when the next is
 * due is not doubled: the repeat has one job id. Returns false when the interval is 0 (cron runs
 * `cabinet billing-run` instead).
 *
 * @example
 * const cabinet = await createCabinet(config);
 * await scheduleBilling(cabinet.container);
 */
export async function scheduleBilling(container: DependencyContainer): Promise<boolean> {
  const config = container.resolve<CabinetConfig>(TOKENS.Config);
  if (config.billing.intervalMinutes === 0) return false;
  const queue = container.resolve<JobQueue>(TOKENS.JobQueue);
  const logger = container.resolve<Logger>(TOKENS.Logger);
  const metrics = container.resolve<Metrics>(TOKENS.Metrics);
  queue.process(
    BILLING_JOB,
    async () => {
      const { billing } = metrics;
      billing.running.set(1);
      billing.done.reset();
      billing.total.reset();
      try {
        const summary = await container.resolve(RunBilling).execute({
          onProgress: ({ phase, done, total }) => {
            billing.done.set({ phase }, done);
            billing.total.set({ phase }, total);
          },
        });
        billing.runs.inc({ outcome: summary.skipped ? "skipped" : "done" });
        billing.lastDuration.set(summary.durationMs / 1000);
      } catch (error) {
        billing.runs.inc({ outcome: "failed" });
        throw error;
      } finally {
        billing.running.set(0);
        billing.lastFinished.set(Date.now() / 1000);
      }
    },
    {
      onFailed: async (_payload, error) => logger.error({ err: error }, "billing run failed; the next one retries what it left"),
    },
  );
  await queue.repeat(BILLING_JOB, config.billing.intervalMinutes * 60_000);
  await queue.enqueue(BILLING_JOB, {}, { jobId: "repeat", delayMs: 5_000 });
  return true;
}
