import type { Logger } from "pino";
import type { JobOptions, JobQueue, JobQueueStats, ProcessOptions } from "../extension-points/job-queue.js";
import { runInJobContext } from "./job-context.js";

type Handler = (payload: Record<string, unknown>) => Promise<void>;

interface Job {
  name: string;
  payload: Record<string, unknown>;
  /** `<name>:<jobId>` while the job waits or runs, so the same job is not queued twice. */
  key?: string;
  attempt: number;
  attempts: number;
}

interface Worker {
  handler: Handler;
  concurrency: number;
  onFailed?: ProcessOptions["onFailed"];
  running: number;
  /** Jobs of this name given up since the process started. */
  failed: number;
}

export interface DefaultJobQueueOptions {
  /** Runs of a job in all, unless `enqueue` says otherwise. */
  attempts: number;
  /** The wait before the first retry; each further retry waits twice as long. */
  backoffMs: number;
  logger: Logger;
}

/**
 * The core's own `job-queue` (id `default`): jobs live in this process's memory and run here.
 * It suits one core process; a queue that survives a restart and spreads work over several
 * processes (BullMQ on Redis) replaces it through a plugin with the same interface.
 *
 * A job whose handler throws runs again after `backoffMs`, `2 × backoffMs`, … until it has run
 * `attempts` times; then its worker's `onFailed` hears of it. `stop()` drains: jobs that are
 * running or due finish, delayed ones (retries and `delayMs`) are dropped with a log line, as
 * they would be by a process exit anyway.
 *
 * @example
 * const queue = new DefaultJobQueue({ attempts: 3, backoffMs: 1000, logger });
 * queue.process("render-document", async ({ documentId }) => render(documentId), { concurrency: 2 });
 * await queue.start();
 * await queue.enqueue("render-document", { documentId }, { jobId: documentId });
 */
export class DefaultJobQueue implements JobQueue {
  readonly id = "default";
  private readonly workers = new Map<string, Worker>();
  private readonly ready: Job[] = [];
  private readonly waiting = new Set<string>();
  private readonly delayed = new Set<NodeJS.Timeout>();
  private readonly repeats = new Map<string, { everyMs: number; timer?: NodeJS.Timeout }>();
  private readonly running = new Set<Promise<void>>();
  private started = false;
  private stopping = false;

  constructor(private readonly options: DefaultJobQueueOptions) {}

  async enqueue(name: string, payload: Record<string, unknown>, options: JobOptions = {}): Promise<void> {
    const key = options.jobId === undefined ? undefined : `${name}:${options.jobId}`;
    if (key !== undefined) {
      if (this.waiting.has(key)) return;
      this.waiting.add(key);
    }
    this.schedule({ name, payload, key, attempt: 1, attempts: Math.max(1, options.attempts ?? this.options.attempts) }, options.delayMs ?? 0);
  }

  process(name: string, handler: Handler, options: ProcessOptions = {}): void {
    if (this.workers.has(name)) throw new Error(`Job "${name}" already has a handler`);
    this.workers.set(name, { handler, concurrency: Math.max(1, options.concurrency ?? 1), onFailed: options.onFailed, running: 0, failed: 0 });
    this.pump();
  }

  async repeat(name: string, everyMs: number): Promise<void> {
    const entry: { everyMs: number; timer?: NodeJS.Timeout } = { everyMs };
    clearInterval(this.repeats.get(name)?.timer);
    this.repeats.set(name, entry);
    if (this.started) this.startRepeat(name, entry);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const [name, entry] of this.repeats) this.startRepeat(name, entry);
    this.pump();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    for (const entry of this.repeats.values()) clearInterval(entry.timer);
    for (const timer of this.delayed) clearTimeout(timer);
    if (this.delayed.size > 0) this.options.logger.warn({ jobs: this.delayed.size }, "job queue stopped: delayed jobs dropped");
    this.delayed.clear();
    // Running jobs may free a slot for a due one: wait until nothing runs any more.
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    if (this.ready.length > 0) this.options.logger.warn({ jobs: this.ready.length }, "job queue stopped: jobs with no handler dropped");
    this.ready.length = 0;
    this.waiting.clear();
    this.started = false;
    this.stopping = false;
  }

  async stats(): Promise<JobQueueStats[]> {
    const stats = new Map<string, JobQueueStats>();
    const of = (name: string) => {
      let entry = stats.get(name);
      if (!entry) stats.set(name, (entry = { name, waiting: 0, delayed: 0, active: 0, failed: 0 }));
      return entry;
    };
    for (const [name, worker] of this.workers) Object.assign(of(name), { active: worker.running, failed: worker.failed });
    for (const job of this.ready) of(job.name).waiting++;
    // Delayed jobs are timers here, not listed by name.
    if (this.delayed.size > 0) of("*").delayed = this.delayed.size;
    return [...stats.values()];
  }

  private startRepeat(name: string, entry: { everyMs: number; timer?: NodeJS.Timeout }): void {
    entry.timer = setInterval(() => void this.enqueue(name, {}, { jobId: "repeat" }), entry.everyMs);
    entry.timer.unref();
  }

  private schedule(job: Job, delayMs: number): void {
    if (delayMs <= 0) {
      this.ready.push(job);
      this.pump();
      return;
    }
    if (this.stopping) return this.drop(job, "the queue is stopping");
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      this.ready.push(job);
      this.pump();
    }, delayMs);
    timer.unref(); // a pending retry must not keep a finished process alive
    this.delayed.add(timer);
  }

  private pump(): void {
    if (!this.started) return;
    for (let i = 0; i < this.ready.length;) {
      const worker = this.workers.get(this.ready[i].name);
      if (!worker || worker.running >= worker.concurrency) {
        i++;
        continue;
      }
      const [job] = this.ready.splice(i, 1);
      const run = this.run(job, worker);
      this.running.add(run);
      void run.finally(() => {
        this.running.delete(run);
        this.pump();
      });
    }
  }

  private async run(job: Job, worker: Worker): Promise<void> {
    worker.running++;
    try {
      await runInJobContext({ job: job.name, jobId: job.key, attempt: job.attempt }, () => worker.handler(job.payload));
      this.forget(job);
    } catch (error) {
      const log = { err: error, job: job.name, jobId: job.key, attempt: job.attempt, attempts: job.attempts };
      if (job.attempt < job.attempts && !this.stopping) {
        const delayMs = this.options.backoffMs * 2 ** (job.attempt - 1);
        this.options.logger.warn({ ...log, retryInMs: delayMs }, "job failed; retrying");
        this.schedule({ ...job, attempt: job.attempt + 1 }, delayMs);
      } else if (job.attempt < job.attempts) {
        this.drop(job, "the queue is stopping");
      } else {
        this.forget(job);
        worker.failed++;
        this.options.logger.error(log, "job failed for good");
        try {
          await worker.onFailed?.(job.payload, error);
        } catch (reportError) {
          this.options.logger.error({ err: reportError, job: job.name }, "job failure handler failed");
        }
      }
    } finally {
      worker.running--;
    }
  }

  private drop(job: Job, reason: string): void {
    this.forget(job);
    this.options.logger.warn({ job: job.name, jobId: job.key, attempt: job.attempt, reason }, "job dropped");
  }

  private forget(job: Job): void {
    if (job.key !== undefined) this.waiting.delete(job.key);
  }
}
