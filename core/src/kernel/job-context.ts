import { AsyncLocalStorage } from "node:async_hooks";

/** The job whose handler is running: every log line written inside it carries these fields. */
export interface JobContext {
  job: string;
  jobId?: string;
  attempt?: number;
}

const storage = new AsyncLocalStorage<JobContext>();

/**
 * Runs a job's handler so that everything it logs (through any logger of the core) names the
 * job: a job queue calls it around each run.
 *
 * @example
 * await runInJobContext({ job: "provision-service", jobId: "svc_…:create:1", attempt: 2 }, () => handler(payload));
 */
export function runInJobContext<T>(context: JobContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

/** The running job's fields, for the logger's mixin; empty outside a job. */
export function currentJobFields(): Partial<JobContext> {
  return storage.getStore() ?? {};
}
