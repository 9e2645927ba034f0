import { Type, type Static } from "@cabinet/core";

export const telegramOptionsSchema = Type.Object(
  {
    /** The token @BotFather gave the bot: `123456:ABC…`. */
    botToken: Type.String({ pattern: "^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$", maxLength: 130 }),
    /** The bot's @username without the @; asked of the Bot API (`getMe`) when left out. */
    botUsername: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9_]{5,64}$", maxLength: 64 })),
    /** Where the Bot API answers: Telegram's, a local Bot API server, or a test stand-in. */
    apiRoot: Type.String({ pattern: "^https?://[^\\s]+[^/]$", maxLength: 500, default: "https://api.telegram.org" }),
    /**
     * Read the bot's messages (binding codes, replies to ticket notifications) by long polling.
     * Telegram lets one poller per bot: in a deployment of several core processes, enable it in one.
     */
    polling: Type.Boolean({ default: true }),
    /**
     * Webhook mode instead of polling: Telegram POSTs each update to `url` (this core's
     * `/plugins/notify-telegram/updates` as the world reaches it; Telegram wants https) with
     * `secretToken` in a header, and the plugin registers that webhook when it starts.
     */
    webhook: Type.Optional(
      Type.Object(
        {
          url: Type.String({ pattern: "^https?://[^\\s]+$", maxLength: 500 }),
          secretToken: Type.String({ pattern: "^[A-Za-z0-9_-]{16,256}$", maxLength: 256 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** How long one `getUpdates` call waits for news, in seconds. */
    pollTimeoutSeconds: Type.Integer({ minimum: 0, maximum: 50, default: 25 }),
    /** How long a binding code stays valid, in seconds. */
    linkCodeTtlSeconds: Type.Integer({ minimum: 60, maximum: 86_400, default: 900 }),
    /** How long a reply to a ticket's notification still reaches the ticket, in days. */
    replyWindowDays: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
    /** A time-out for one Bot API call other than the long poll, in milliseconds. */
    timeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  },
  { additionalProperties: false },
);

export type TelegramOptions = Static<typeof telegramOptionsSchema>;
