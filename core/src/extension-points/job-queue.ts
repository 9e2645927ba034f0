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
  enqueue(name: string, payload: Record<string, unknown>, options?: { jobId?: string; delayMs?: number }): Promise<void>;
  process(name: string, handler: (payload: Record<string, unknown>) => Promise<void>, options?: { concurrency?: number }): void;
  repeat(name: string, everyMs: number): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
