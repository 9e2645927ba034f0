import { Queue, Worker, type Job } from "bullmq";
import { runInJobContext, type JobOptions, type JobQueue, type JobQueueStats, type PluginContext, type ProcessOptions } from "@cabinet/core";

type Logger = PluginContext<unknown>["logger"];

type Handler = (payload: Record<string, unknown>) => Promise<void>;

export interface BullMqJobQueueOptions {
  /** `redis://…` of the Redis every core process shares. */
  url: string;
  /** Prefixes every key, so several installations (or tests) share one Redis. */
  prefix: string;
  /** Runs of a job in all, unless `enqueue` says otherwise. */
  attempts: number;
  /** The wait before the first retry; each further retry waits twice as long. */
  backoffMs: number;
  /** How long a running job's lock holds without renewal: a job of a process that died runs again elsewhere after about this long. */
  lockMs: number;
  /** Jobs kept after their last attempt failed (the dead-letter view), per job name. */
  keepFailed: number;
  logger: Logger;
}

/** A job that failed its last attempt, as the dead-letter view shows it. */
export interface DeadJob {
  name: string;
  id: string;
  payload: Record<string, unknown>;
  failedReason: string;
  attemptsMade: number;
  failedAt: number | null;
  enqueuedAt: number;
}

// BullMQ keeps a job under `<prefix>:<queue>:<job id>`, beside the queue's own keys (`…:delayed`,
// `…:repeat`, `…:wait`): a core job id such as `repeat` would land on one of them. It reserves
// ':' too (its scheduler's ids use it), which the core's ids carry (`svc_…:create:3`). So a core
// id is stored as `job|` + the id with '|' for ':'.
const toBullId = (id: string) => `job|${id.replaceAll(":", "|")}`;
const fromBullId = (id: string) => (id.startsWith("job|") ? id.slice(4).replaceAll("|", ":") : id);

/**
 * The `job-queue` with id `bullmq`: jobs live in Redis, so they survive a restart of every
 * core process, and any process with a worker for a job's name may run it. One BullMQ queue
 * per job name, so each name keeps its own concurrency per process.
 *
 * As the core's default queue: a handler that throws runs again after `backoffMs`,
 * `2 × backoffMs`, … until `attempts` runs, then the worker's `onFailed` hears of it (in the
 * process that ran the last attempt). A job with the id of one still waiting, delayed or
 * running is not added again; one whose last attempt failed is replaced (a fresh start).
 * `repeat` is a BullMQ job scheduler: one job per tick across all processes. Failed jobs are
 * kept (`keepFailed` per name) for the dead-letter view, where staff retry them. `stop()`
 * lets running jobs finish and leaves waiting and delayed ones in Redis for the next process;
 * a process killed mid-job loses its lock, and the job runs again elsewhere after `lockMs`.
 *
 * @example
 * const queue = new BullMqJobQueue({ url: "redis://127.0.0.1:6379", prefix: "cabinet:bull", attempts: 3, backoffMs: 2000, lockMs: 30000, keepFailed: 1000, logger });
 * queue.process("render-document", async ({ documentId }) => render(documentId), { concurrency: 2 });
 * await queue.start();
 */
export class BullMqJobQueue implements JobQueue {
  readonly id = "bullmq";
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly repeats = new Map<string, number>();
  private started = false;

  constructor(private readonly options: BullMqJobQueueOptions) {}

  private get connection() {
    // Workers block on Redis: BullMQ requires no per-request retry limit on their connection.
    return { url: this.options.url, maxRetriesPerRequest: null };
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix });
      queue.on("error", (error) => this.options.logger.warn({ err: error, job: name }, "job queue: Redis error"));
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue(name: string, payload: Record<string, unknown>, options: JobOptions = {}): Promise<void> {
    const queue = this.queue(name);
    const jobId = options.jobId === undefined ? undefined : toBullId(options.jobId);
    if (jobId !== undefined) {
      // A failed job kept for the dead-letter view would swallow a fresh enqueue of its id.
      const existing = await queue.getJob(jobId);
      if (existing && (await existing.isFailed())) await existing.remove().catch(() => undefined);
    }
    await queue.add(name, payload, {
      jobId,
      delay: options.delayMs,
      attempts: Math.max(1, options.attempts ?? this.options.attempts),
      backoff: { type: "exponential", delay: this.options.backoffMs },
      removeOnComplete: true,
      removeOnFail: { count: this.options.keepFailed },
    });
  }

  process(name: string, handler: Handler, options: ProcessOptions = {}): void {
    if (this.workers.has(name)) throw new Error(`Job "${name}" already has a handler`);
    const logger = this.options.logger;
    const worker = new Worker(
      name,
      async (job: Job) => {
        const context = { job: name, jobId: job.id === undefined ? undefined : fromBullId(job.id), attempt: job.attemptsMade + 1 };
        // Everything the handler logs, through any of the core's loggers, names the job.
        await runInJobContext(context, async () => {
          logger.debug(context, "job started");
          await handler(job.data as Record<string, unknown>);
        });
      },
      {
        connection: this.connection,
        prefix: this.options.prefix,
        concurrency: Math.max(1, options.concurrency ?? 1),
        lockDuration: this.options.lockMs,
        stalledInterval: this.options.lockMs,
        // A job whose process died is run again (not failed) a few times before it counts as failed.
        maxStalledCount: 3,
        autorun: false,
      },
    );
    worker.on("failed", (job, error) => {
      if (!job) return;
      const log = {
        err: error,
        job: name,
        jobId: job.id === undefined ? undefined : fromBullId(job.id),
        attempt: job.attemptsMade,
        attempts: job.opts.attempts ?? 1,
      };
      if (job.attemptsMade < (job.opts.attempts ?? 1)) {
        logger.warn(log, "job failed; retrying");
        return;
      }
      logger.error(log, "job failed for good");
      void Promise.resolve(options.onFailed?.(job.data as Record<string, unknown>, error)).catch((reportError) =>
        logger.error({ err: reportError, job: name, jobId: job.id }, "job failure handler failed"),
      );
    });
    worker.on("error", (error) => logger.warn({ err: error, job: name }, "job worker: Redis error"));
    this.workers.set(name, worker);
    this.queue(name); // the dead-letter view lists every name this process works on
    if (this.started) void worker.run();
  }

  async repeat(name: string, everyMs: number): Promise<void> {
    this.repeats.set(name, everyMs);
    if (this.started) await this.schedule(name, everyMs);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const [name, everyMs] of this.repeats) await this.schedule(name, everyMs);
    for (const worker of this.workers.values()) void worker.run();
  }

  async stop(): Promise<void> {
    // close() waits for the jobs running here; waiting and delayed ones stay in Redis.
    await Promise.all([...this.workers.values()].map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.workers.clear();
    this.queues.clear();
    this.started = false;
  }

  /** Jobs that failed their last attempt, newest first, of every job name this process works on. */
  async listFailed(limit = 100): Promise<DeadJob[]> {
    const jobs: DeadJob[] = [];
    for (const [name, queue] of this.queues) {
      for (const job of await queue.getFailed(0, limit - 1)) {
        if (!job?.id) continue;
        jobs.push({
          name,
          id: fromBullId(job.id),
          payload: job.data as Record<string, unknown>,
          failedReason: job.failedReason ?? "",
          attemptsMade: job.attemptsMade,
          failedAt: job.finishedOn ?? null,
          enqueuedAt: job.timestamp,
        });
      }
    }
    return jobs.sort((a, b) => (b.failedAt ?? 0) - (a.failedAt ?? 0)).slice(0, limit);
  }

  /** Runs a failed job again, its attempts counted afresh; false when no failed job has that name and id. */
  async retryFailed(name: string, id: string): Promise<boolean> {
    const queue = this.queues.get(name);
    const job = queue ? await queue.getJob(toBullId(id)) : undefined;
    if (!job || !(await job.isFailed())) return false;
    await job.retry("failed", { resetAttemptsMade: true });
    return true;
  }

  /** Jobs waiting, delayed, running (on any node) and failed (kept for the dead-letter view), per name: for metrics. */
  async stats(): Promise<JobQueueStats[]> {
    const stats: JobQueueStats[] = [];
    for (const [name, queue] of this.queues) {
      const counts = await queue.getJobCounts("waiting", "delayed", "active", "failed");
      stats.push({ name, waiting: counts.waiting ?? 0, delayed: counts.delayed ?? 0, active: counts.active ?? 0, failed: counts.failed ?? 0 });
    }
    return stats;
  }

  private async schedule(name: string, everyMs: number): Promise<void> {
    await this.queue(name).upsertJobScheduler(
      `${name}-repeat`,
      { every: everyMs },
      { name, data: {}, opts: { removeOnComplete: true, removeOnFail: { count: this.options.keepFailed } } },
    );
  }
}
