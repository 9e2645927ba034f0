import { definePlugin, TOKENS, type Clock, type Database, type PluginContext } from "@cabinet/core";
import { BotApi } from "./bot-api.js";
import { linkRoutes } from "./link-routes.js";
import { TelegramBot } from "./telegram-bot.js";
import { TelegramChannel } from "./telegram-channel.js";
import { telegramOptionsSchema, type TelegramOptions } from "./telegram-options.js";
import { TelegramStore, telegramMigrations } from "./telegram-store.js";
import { updatesPage } from "./updates-page.js";

export { BotApi, BotApiError } from "./bot-api.js";
export { TelegramBot } from "./telegram-bot.js";
export { TelegramChannel } from "./telegram-channel.js";
export { telegramOptionsSchema, type TelegramOptions } from "./telegram-options.js";

const DAY_MS = 86_400_000;

/** The parts of one running plugin, made once in `register` and found again by the other hooks. */
class TelegramPlugin {
  readonly api: BotApi;
  readonly store: TelegramStore;
  readonly channel: TelegramChannel;
  readonly bot: TelegramBot;
  private username: Promise<string | undefined> | undefined;
  private readonly logger: PluginContext<TelegramOptions>["logger"];

  constructor({ options, container, config, logger }: PluginContext<TelegramOptions>) {
    const clock = container.resolve<Clock>(TOKENS.Clock);
    const now = () => clock.now();
    const replyWindowMs = options.replyWindowDays * DAY_MS;
    this.api = new BotApi(options.apiRoot, options.botToken, options.timeoutMs);
    this.store = new TelegramStore(container.resolve<Database>(TOKENS.Database), now);
    this.channel = new TelegramChannel(this.api, this.store, { publicUrl: () => config.http.publicUrl, replyWindowMs, now });
    this.bot = new TelegramBot(this.api, this.store, container, logger, {
      botId: options.botToken.split(":")[0],
      pollTimeoutSeconds: options.pollTimeoutSeconds,
      replyWindowMs,
      now,
    });
    if (options.botUsername) this.username = Promise.resolve(options.botUsername);
    this.logger = logger;
  }

  /** The bot's @username: from the options, else asked of the API once it answers. */
  botUsername(): Promise<string | undefined> {
    this.username ??= this.api.getMe().then(
      (me) => me.username,
      (error) => {
        this.logger.warn({ err: error }, "Telegram getMe failed");
        this.username = undefined; // ask again next time
        return undefined;
      },
    );
    return this.username;
  }
}

/** Where `register` leaves the running plugin for the other hooks (one per core, in its container). */
const RUNNING = Symbol.for("notify-telegram.Plugin");

/**
 * `notify-telegram`: the `telegram` notification channel. A user binds their Telegram with a
 * one-time code sent to the bot (`POST /api/v1/plugins/notify-telegram/link`); notifications
 * then arrive as the bot's messages, and a reply to a ticket's notification is added to the ticket.
 *
 * @example
 * { "plugins": [{ "name": "notify-telegram", "module": "@cabinet/plugin-notify-telegram",
 *     "options": { "botToken": "123456:ABC…", "botUsername": "northwind_bot" } }] }
 */
export default definePlugin({
  name: "notify-telegram",
  version: "0.1.0",
  coreRange: "^0.1.0",
  optionsSchema: telegramOptionsSchema,
  migrations: telegramMigrations,
  register(context) {
    const plugin = new TelegramPlugin(context);
    context.container.register(RUNNING, { useValue: plugin });
    context.provide("notification-channel", plugin.channel);
  },
  async init({ options, container, logger }) {
    const plugin = container.resolve<TelegramPlugin>(RUNNING);
    void plugin.botUsername();
    if (options.webhook) {
      // Not fatal: the core serves its clients without Telegram, and the next start tries again.
      await plugin.api
        .setWebhook(options.webhook.url, options.webhook.secretToken)
        .catch((error) => logger.error({ err: error }, "Telegram setWebhook failed"));
    } else if (options.polling) {
      plugin.bot.startPolling();
    }
  },
  async shutdown({ container }) {
    if (container.isRegistered(RUNNING)) await container.resolve<TelegramPlugin>(RUNNING).bot.stop();
  },
  pages({ options, container }) {
    const plugin = container.resolve<TelegramPlugin>(RUNNING);
    // Without webhook mode nothing is served: no secret would guard it.
    return options.webhook ? updatesPage(plugin.bot, options.webhook.secretToken) : (_ctx, next) => next();
  },
  routes({ options, container }) {
    const plugin = container.resolve<TelegramPlugin>(RUNNING);
    return linkRoutes(plugin.store, {
      botUsername: () => plugin.botUsername(),
      codeTtlMs: options.linkCodeTtlSeconds * 1000,
      now: () => container.resolve<Clock>(TOKENS.Clock).now(),
    });
  },
});
