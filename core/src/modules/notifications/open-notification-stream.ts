import { PassThrough } from "node:stream";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { AuthContext } from "../accounts/index.js";
import { CheckSession } from "../accounts/index.js";
import { describeNotification } from "./describe-notification.js";
import { NotificationRepository } from "./notification.repository.js";
import { NotificationStreamHub } from "./notification-stream-hub.js";
import type { Notification } from "./notification.js";

const BACKLOG_PAGE = 200;

/**
 * The caller's live notifications as Server-Sent Events. Resuming after `lastEventId` sends
 * every newer notification first, oldest first, then the live ones; a fresh stream starts
 * after the newest notification there is (the widget lists the older ones itself). Each
 * notification is followed by the unread count; a comment line every `heartbeatMs` keeps
 * proxies from closing an idle stream, once the session is found still valid (else the stream
 * ends). Nothing is sent twice on one stream.
 */
@injectable()
export class OpenNotificationStream {
  constructor(
    @inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @inject(NotificationStreamHub) private readonly hub: NotificationStreamHub,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(CheckSession) private readonly checkSession: CheckSession,
  ) {}

  async execute(
    auth: Pick<AuthContext, "userId" | "sessionId"> & Partial<Pick<AuthContext, "locale">>,
    lastEventId: string | undefined,
    closed: Promise<unknown>,
  ): Promise<PassThrough> {
    const { heartbeatMs, lookbackMs } = this.config.notifications.stream;
    const stream = new PassThrough();
    const write = (text: string) => {
      if (!stream.writableEnded) stream.write(text);
    };
    const resumeAfter = lastEventId ?? (await this.notifications.listForUser(auth.userId, { limit: 1 }))[0]?.id ?? "";
    const sent = new Map<string, number>();

    const send = async (notification: Notification) => {
      if (notification.id <= resumeAfter || sent.has(notification.id)) return;
      sent.set(notification.id, notification.createdAt);
      write(`id: ${notification.id}\nevent: notification\ndata: ${JSON.stringify(describeNotification(notification, auth.locale))}\n\n`);
      await sendUnread();
      // What the hub can still show again is at most `lookbackMs` old: older ids need not be remembered.
      const forgetBefore = this.clock.now() - 2 * lookbackMs;
      for (const [id, createdAt] of sent) if (createdAt < forgetBefore) sent.delete(id);
    };
    const sendUnread = async () => {
      const count = await this.notifications.countUnread(auth.userId);
      write(`event: unread\ndata: ${JSON.stringify({ count })}\n\n`);
    };

    write(`retry: 2000\n\n`);
    // Sends run one after another, the backlog first: a live notification that arrives while
    // the backlog is read waits its turn, and is dropped then if the backlog had it.
    let queue: Promise<void> = (async () => {
      if (lastEventId) {
        for (let after = lastEventId; ;) {
          const page = await this.notifications.listAfter(auth.userId, after, BACKLOG_PAGE);
          for (const n of page) await send(n);
          if (page.length < BACKLOG_PAGE) break;
          after = page[page.length - 1].id;
        }
      }
      await sendUnread();
    })().catch(() => {
      stream.destroy();
    });
    const stopListening = this.hub.listen(auth.userId, (notification) => {
      queue = queue.then(() => send(notification)).catch(() => undefined);
    });
    // Each heartbeat also checks the session: signing out (on any core), expiry or a suspension ends the stream.
    const heartbeat = setInterval(() => {
      void this.checkSession.execute(auth.sessionId).then(
        (active) => (active ? write(`: heartbeat\n\n`) : end()),
        () => write(`: heartbeat\n\n`),
      );
    }, heartbeatMs);
    const end = () => {
      stopClosing();
      stopListening();
      clearInterval(heartbeat);
      if (!stream.writableEnded) stream.end();
    };
    const stopClosing = this.hub.onClose(end);
    void closed.then(end);
    return stream;
  }
}
