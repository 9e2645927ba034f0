import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { NotificationRepository } from "./notification.repository.js";
import type { Notification } from "./notification.js";

type Listener = (notification: Notification) => void;

/**
 * Tells this process's open streams about new notifications, whichever process wrote them.
 * Every process looks at the database every `stream.pollIntervalMs` for recent rows of the
 * users it has streams for, reaching `stream.lookbackMs` back so a row another process
 * committed late is still seen (streams drop what they have already sent). A process that
 * writes notifications looks at once, and with Redis it also publishes the users' ids, so
 * every other process looks at once too.
 */
export class NotificationStreamHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** How to end each open stream: a stopping node ends them so its server can close (clients reconnect elsewhere). */
  private readonly closers = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private subscriber: Redis | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private readonly channel: string;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly settings: CabinetConfig["notifications"]["stream"],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly redis: { client: Redis; keyPrefix: string } | undefined,
  ) {
    this.channel = `${redis?.keyPrefix ?? ""}notifications`;
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => this.pollSoon(), this.settings.pollIntervalMs);
    this.timer.unref();
    if (this.redis) {
      this.subscriber = this.redis.client.duplicate();
      this.subscriber.on("message", (_channel: string, message: string) => {
        const userIds = parseUserIds(message);
        if (userIds.some((id) => this.listeners.has(id))) this.pollSoon();
      });
      this.subscriber.on("error", (error) => this.logger.warn({ err: error }, "notification pub/sub: Redis error (streams fall back to polling)"));
      await this.subscriber.subscribe(this.channel).catch((error: unknown) => this.logger.warn({ err: error }, "notification pub/sub: cannot subscribe"));
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.subscriber?.disconnect();
    this.subscriber = undefined;
    await this.polling;
  }

  /** Calls `listener` with every new in-app notification of `userId` until the returned function is called. */
  listen(userId: string, listener: Listener): () => void {
    const set = this.listeners.get(userId) ?? new Set();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
    };
  }

  /** Registers how to end an open stream when this node stops; returns the unregistration. */
  onClose(end: () => void): () => void {
    this.closers.add(end);
    return () => void this.closers.delete(end);
  }

  /** Ends every open stream (a graceful shutdown): EventSource clients reconnect, to another node. */
  closeStreams(): void {
    for (const end of [...this.closers]) end();
  }

  /** New notifications for `userIds` were committed: look now, here and (with Redis) in every process. */
  async announce(userIds: string[]): Promise<void> {
    if (userIds.some((id) => this.listeners.has(id))) this.pollSoon();
    if (this.redis) {
      await this.redis.client.publish(this.channel, JSON.stringify([...new Set(userIds)])).catch((error: unknown) => {
        this.logger.warn({ err: error }, "notification pub/sub: cannot publish (other processes see it at their next poll)");
      });
    }
  }

  /** Runs a poll; one asked for while another runs makes exactly one more afterwards. */
  private pollSoon(): void {
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = (async () => {
      do {
        this.pollAgain = false;
        await this.poll().catch((error: unknown) => this.logger.warn({ err: error }, "notification stream poll failed"));
      } while (this.pollAgain);
    })().finally(() => (this.polling = undefined));
  }

  private async poll(): Promise<void> {
    if (this.listeners.size === 0) return;
    const rows = await this.notifications.listRecent([...this.listeners.keys()], this.clock.now() - this.settings.lookbackMs);
    for (const row of rows) for (const listener of this.listeners.get(row.userId) ?? []) listener(row);
  }
}

function parseUserIds(message: string): string[] {
  try {
    const parsed: unknown = JSON.parse(message);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}
