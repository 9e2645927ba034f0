import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { afterCommit } from "../../db/transaction.js";
import type { JobQueue } from "../../extension-points/job-queue.js";
import type { ProvisionAction } from "../../extension-points/provisioner.js";

export const PROVISION_SERVICE_JOB = "provision-service";

export interface ProvisionJob {
  serviceId: string;
  action: ProvisionAction;
  /** The service's provisioning sequence number when the job was asked for. */
  seq: number;
}

/** The job's id: the same service, action and sequence is the same job, however often it is asked for. */
export const provisionJobId = (job: ProvisionJob) => `${job.serviceId}:${job.action}:${job.seq}`;

/**
 * Asks for a provisioner call once `trx` commits: the state change that needs it is then
 * visible to the job, and a rolled-back change asks for nothing. The call itself runs in the
 * job, outside any transaction.
 */
@injectable()
export class EnqueueProvisioning {
  constructor(@inject(TOKENS.JobQueue) private readonly queue: JobQueue) {}

  afterCommit(trx: Database, job: ProvisionJob): void {
    afterCommit(trx, () => this.enqueue(job));
  }

  enqueue(job: ProvisionJob): Promise<void> {
    return this.queue.enqueue(PROVISION_SERVICE_JOB, { ...job }, { jobId: provisionJobId(job) });
  }
}
