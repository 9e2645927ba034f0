import type { Logger } from "pino";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { DeliverDueNotifications } from "./deliver-due-notifications.js";

/**
 * The in-process outbox worker: runs passes while they find work, and otherwise waits
 * `pollIntervalMs`. Every core runs one; they share the outbox safely (see the claim).
 */
export class NotificationWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  private outboxExists = false;

  constructor(
    private readonly pass: () => DeliverDueNotifications,
    private readonly settings: CabinetConfig["notifications"]["delivery"],
    private readonly logger: Logger,
    /** Whether the outbox table is there: a core starts before `migrate()` creates it. */
    private readonly hasOutbox: () => Promise<boolean>,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the pass in progress, whose sends finish (each within `sendTimeoutMs`). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** New work was written: look now instead of at the next tick. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        this.outboxExists ||= await this.hasOutbox();
        if (this.outboxExists) claimed = await this.pass().execute();
      } catch (error) {
        this.logger.error({ err: error }, "notification delivery pass failed");
      }
      if (claimed < this.settings.batchSize && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.settings.pollIntervalMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }
}
