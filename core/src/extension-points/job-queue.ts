/** How a job is run: a handler that throws is retried with back-off, up to `attempts` runs in all. */
export interface JobOptions {
  /** A job with the id of one still waiting or running is not enqueued again. */
  jobId?: string;
  delayMs?: number;
  /** Runs in all, the first included (the queue's default when unset). */
  attempts?: number;
}

export interface ProcessOptions {
  /** How many jobs of this name run at once in this process. */
  concurrency?: number;
  /**
   * Called once when a job has failed its last attempt, with the last error: the place to
   * record the failure, since the queue itself keeps no history.
   */
  onFailed?: (payload: Record<string, unknown>, error: unknown) => Promise<void>;
}

/** How many jobs of one name are where, for metrics. */
export interface JobQueueStats {
  name: string;
  waiting: number;
  delayed: number;
  /** Running now (in this process, for an in-process queue). */
  active: number;
  /** Given up after their last attempt (since start, or as kept for a dead-letter view). */
  failed: number;
}

/**
 * Runs background and scheduled jobs: in-process by default, or across several core
 * processes (BullMQ on Redis). A job with the same `jobId` is enqueued once.
 *
 * @example
 * queue.process("billing-run", async () => runBilling());
 * await queue.enqueue("send-notification", { notificationId }, { jobId: notificationId });
 */
export interface JobQueue {
  readonly id: string;
  enqueue(name: string, payload: Record<string, unknown>, options?: JobOptions): Promise<void>;
  process(name: string, handler: (payload: Record<string, unknown>) => Promise<void>, options?: ProcessOptions): void;
  repeat(name: string, everyMs: number): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Counts per job name, for `GET /metrics`; optional. */
  stats?(): Promise<JobQueueStats[]>;
}
