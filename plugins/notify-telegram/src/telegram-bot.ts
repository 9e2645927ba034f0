import { TOKENS, type DependencyContainer, type PluginContext, type TicketReplies } from "@cabinet/core";
import type { BotApi, TelegramMessage, TelegramUpdate } from "./bot-api.js";
import { botTexts } from "./bot-texts.js";
import type { TelegramStore } from "./telegram-store.js";

/** A pause after a failed poll, so an unreachable API is not hammered. */
const RETRY_DELAY_MS = 2000;

/**
 * What the bot reads: `/start <code>` binds the chat to the user the code was made for; a reply
 * to a ticket's notification becomes the user's message on that ticket. Reads by long polling.
 */
export class TelegramBot {
  private offset: number | undefined;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly api: BotApi,
    private readonly store: TelegramStore,
    private readonly container: DependencyContainer,
    private readonly logger: PluginContext<unknown>["logger"],
    private readonly settings: { botId: string; pollTimeoutSeconds: number; replyWindowMs: number; now: () => number },
  ) {}

  startPolling(): void {
    this.loop ??= this.poll();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async poll(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        // Unreadable (the tables are not migrated yet): Telegram's own record of what was fetched serves.
        this.offset ??= await this.store.pollOffset(this.settings.botId).catch(() => undefined);
        const updates = await this.api.getUpdates(this.offset, this.settings.pollTimeoutSeconds, this.stopping.signal);
        for (const update of updates) {
          this.offset = update.update_id + 1;
          await this.take(update);
        }
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        this.logger.warn({ err: error }, "Telegram polling failed; polling again shortly");
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  /** An update Telegram POSTed to the webhook; one seen before (a redelivery) is dropped. */
  async receive(update: TelegramUpdate): Promise<void> {
    const next = await this.store.pollOffset(this.settings.botId);
    if (next !== undefined && update.update_id < next) return;
    await this.take(update);
  }

  /**
   * Marks the update handled, in the database, before handling it: one that fails is logged,
   * not fetched forever, and one handled is not handled again after a restart.
   */
  private async take(update: TelegramUpdate): Promise<void> {
    await this.store.savePollOffset(this.settings.botId, update.update_id + 1);
    await this.handle(update).catch((error) => this.logger.error({ err: error, updateId: update.update_id }, "a Telegram update failed"));
  }

  private async handle(update: TelegramUpdate): Promise<void> {
    const message = update.message;
    // Only one-to-one chats: a notification bound to a group would be read by all its members.
    if (!message || message.chat.type !== "private" || (message.text === undefined && !message.reply_to_message)) return;
    const command = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(message.text ?? "");
    if (command) return this.bind(message, command[1]);
    if (message.reply_to_message) return this.replyToTicket(message, message.reply_to_message.message_id);
  }

  private async bind(message: TelegramMessage, code: string | undefined): Promise<void> {
    const texts = botTexts(message.from?.language_code);
    if (!code) return this.answer(message, texts.howToLink);
    const userId = await this.store.consumeCode(code);
    if (!userId) return this.answer(message, texts.badCode);
    await this.store.link(userId, String(message.chat.id), message.from?.username ?? null);
    this.logger.info({ userId }, "a user bound Telegram");
    await this.answer(message, texts.linked);
  }

  private async replyToTicket(message: TelegramMessage, repliedTo: number): Promise<void> {
    const sent = await this.store.repliedMessage(String(message.chat.id), repliedTo, this.settings.now() - this.settings.replyWindowMs);
    if (sent?.reference?.type !== "ticket") return;
    const texts = botTexts(message.from?.language_code);
    const body = message.text?.trim();
    if (!body) return this.answer(message, texts.textOnly);
    if (!this.container.isRegistered(TOKENS.TicketReplies, true)) return this.answer(message, texts.replyUnavailable);
    let outcome: Awaited<ReturnType<TicketReplies["replyAsClient"]>>;
    try {
      outcome = await this.container.resolve<TicketReplies>(TOKENS.TicketReplies).replyAsClient({ userId: sent.userId, ticketId: sent.reference.id, body });
    } catch (error) {
      // A fault, not a refusal: the user is told to answer in the client area rather than left waiting.
      this.logger.error({ err: error, ticketId: sent.reference.id }, "a Telegram reply could not be added to its ticket");
      return this.answer(message, texts.replyUnavailable);
    }
    await this.answer(message, outcome.status === "added" ? texts.replyAdded : texts.replyRefused(outcome.reason));
  }

  private async answer(message: TelegramMessage, text: string): Promise<void> {
    await this.api.sendMessage({ chat_id: message.chat.id, text, reply_to_message_id: message.message_id });
  }
}
