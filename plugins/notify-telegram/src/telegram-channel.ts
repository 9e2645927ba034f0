import type { NotificationChannel } from "@cabinet/core";
import { BotApiError, type BotApi } from "./bot-api.js";
import { botTexts } from "./bot-texts.js";
import type { TelegramStore } from "./telegram-store.js";

type Notification = Parameters<NotificationChannel["deliver"]>[0];
type Outcome = Awaited<ReturnType<NotificationChannel["deliver"]>>;

/** Telegram refuses longer messages; the title and link must survive the cut. */
const MAX_BODY = 3500;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The `telegram` notification channel: a message from the bot to the chat the user bound.
 * Each message sent is remembered: a notification tried again after it went out is not sent
 * twice, and a reply to one about a ticket reaches the ticket.
 */
export class TelegramChannel implements NotificationChannel {
  readonly id = "telegram";

  constructor(
    private readonly api: BotApi,
    private readonly store: TelegramStore,
    /** `publicUrl` is read at each delivery: unset in the config, it is only known once the core listens. */
    private readonly settings: { publicUrl: () => string | undefined; replyWindowMs: number; now: () => number },
  ) {}

  async deliver(notification: Notification): Promise<Outcome> {
    const link = await this.store.linkOf(notification.recipient.userId);
    if (!link) return { status: "failed", reason: "not linked", retryable: false };
    const earlier = await this.store.sentFor(notification.notificationId);
    if (earlier) return { status: "delivered", externalId: `${earlier.chatId}:${earlier.messageId}` };
    const aboutTicket = notification.reference?.type === "ticket";
    try {
      const sent = await this.api.sendMessage({ chat_id: link.chatId, text: this.textOf(notification, aboutTicket), parse_mode: "HTML" });
      await this.store.rememberMessage(
        {
          notificationId: notification.notificationId,
          chatId: link.chatId,
          messageId: sent.message_id,
          userId: link.userId,
          reference: notification.reference ?? null,
        },
        this.settings.now() - this.settings.replyWindowMs,
      );
      return { status: "delivered", externalId: `${link.chatId}:${sent.message_id}` };
    } catch (error) {
      if (!(error instanceof BotApiError)) return { status: "failed", reason: `Telegram unreachable: ${(error as Error).message}`, retryable: true };
      // The user blocked the bot or deleted the chat: stop trying until they bind it again.
      if (error.status === 403) await this.store.unlink(link.userId);
      return { status: "failed", reason: error.message.slice(0, 300), retryable: error.retryable };
    }
  }

  private textOf(n: Notification, aboutTicket: boolean): string {
    const body = n.body.length > MAX_BODY ? `${n.body.slice(0, MAX_BODY)}…` : n.body;
    const parts = [`<b>${escapeHtml(n.title)}</b>`, escapeHtml(body)];
    const link = this.absoluteLink(n.link);
    if (link) parts.push(escapeHtml(link));
    if (aboutTicket) parts.push(`<i>${escapeHtml(botTexts(n.recipient.locale).replyHint)}</i>`);
    return parts.join("\n\n");
  }

  /** An http(s) address for the link, made absolute with the core's public address; nothing otherwise. */
  private absoluteLink(link: string | undefined): string | null {
    if (!link) return null;
    try {
      const url = new URL(link, this.settings.publicUrl());
      return ["http:", "https:"].includes(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  }
}
