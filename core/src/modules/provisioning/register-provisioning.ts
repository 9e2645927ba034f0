import type { DependencyContainer } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { JobQueue } from "../../extension-points/job-queue.js";
import { PROVISION_SERVICE_JOB, type ProvisionJob } from "./enqueue-provisioning.js";
import { CoreProvisioningReports } from "./provisioning-reports.js";
import { RunProvisioning } from "./run-provisioning.js";

const jobOf = (payload: Record<string, unknown>): ProvisionJob => ({
  serviceId: String(payload.serviceId),
  action: payload.action as ProvisionJob["action"],
  seq: Number(payload.seq),
});

/** Wires provisioning at boot: the job's worker (retried with back-off by the queue) and the reports token. */
export function registerProvisioning(container: DependencyContainer): void {
  container.register(TOKENS.ProvisioningReports, { useClass: CoreProvisioningReports });
  container.resolve<JobQueue>(TOKENS.JobQueue).process(PROVISION_SERVICE_JOB, (payload) => container.resolve(RunProvisioning).execute(jobOf(payload)), {
    concurrency: 4,
    onFailed: (payload, error) => container.resolve(RunProvisioning).giveUp(jobOf(payload), error),
  });
}
