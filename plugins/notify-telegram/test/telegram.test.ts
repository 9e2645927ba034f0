import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createCabinet, newId, TOKENS, type Database, type NotificationChannel, type TicketReplies } from "@cabinet/core";
import { channelNotification, type ChannelNotification } from "../../../core/test/support/notification-fixture.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import telegramPlugin, { BotApi, TelegramBot, TelegramChannel } from "../src/index.js";
import { TelegramStore, telegramMigrations } from "../src/telegram-store.js";
import { FakeBotApi } from "./fake-bot-api.js";

let api: FakeBotApi;
let t: TestCabinet;
let channel: NotificationChannel;
const replies: { userId: string; ticketId: string; body: string }[] = [];
let refuseReplies: string | null = null;
let repliesBroken = false;

// What support-tickets registers in a full core: here it records, or refuses when told to.
const recordingReplies: TicketReplies = {
  async replyAsClient(input) {
    if (repliesBroken) throw new Error("database is down");
    if (refuseReplies) return { status: "refused", reason: refuseReplies };
    replies.push(input);
    return { status: "added", messageId: `tmsg_01jdtest${String(replies.length).padStart(8, "0")}` };
  },
};

const LINK = "/api/v1/plugins/notify-telegram/link";
/** The bot works off-request: wait for what it does, well past one long poll. */
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 5000, interval: 20 });
let chatCounter = 7000;

/** A signed-up user who bound their Telegram by sending the bot their code. */
async function boundUser(languageCode = "en") {
  const user = await t.signUp();
  const chatId = ++chatCounter;
  const { body } = await t.request("POST", LINK, { token: user.token });
  api.userWrites({ id: chatId, username: `user${chatId}`, language_code: languageCode }, `/start ${body.code}`);
  await eventually(async () => expect((await t.request("GET", LINK, { token: user.token })).body.linked).toBe(true));
  // The bot confirms the binding in the chat after recording it: wait for that too, or its
  // sendMessage may take a failure the test lines up next for its own delivery.
  await eventually(() => expect(api.sentTo(chatId)).toHaveLength(1));
  return { ...user, chatId };
}

/** A fresh notification each time (the channel sends one message per notification id). */
const notification = (userId: string, overrides: Partial<ChannelNotification> = {}) =>
  channelNotification({
    notificationId: newId("ntf"),
    recipient: { userId, email: "client@example.org", locale: "en" },
    title: "New reply on <your> ticket",
    body: "Fixed & tested.",
    ...overrides,
  });

beforeAll(async () => {
  api = await FakeBotApi.start();
  t = await startTestCabinet({
    plugins: [telegramPlugin],
    config: {
      notifications: { delivery: { enabled: false } },
      http: { host: "127.0.0.1", port: 0, publicUrl: "https://my.northwind.example" },
      plugins: [
        { name: "notify-telegram", options: { botToken: api.token, apiRoot: api.apiRoot, pollTimeoutSeconds: 1, linkCodeTtlSeconds: 600, timeoutMs: 2000 } },
      ],
    },
  });
  t.cabinet.container.register(TOKENS.TicketReplies, { useValue: recordingReplies });
  channel = t.cabinet.extensions.get("notification-channel", "telegram")!;
});
afterAll(async () => {
  await t.close();
  await api.close();
});
beforeEach(() => {
  replies.length = 0;
  refuseReplies = null;
  repliesBroken = false;
  api.failNext = null;
});

describe("binding Telegram", () => {
  it("gives a one-time code and deep link; the bot binds the chat that sends it, once", async () => {
    const user = await t.signUp();
    expect((await t.request("GET", LINK, { token: user.token })).body).toEqual({ linked: false, username: null });

    const created = await t.request("POST", LINK, { token: user.token });
    expect(created.status).toBe(201);
    const { code } = created.body;
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.body).toEqual({
      code,
      botUsername: "northwind_test_bot", // asked of getMe
      deepLink: `https://t.me/northwind_test_bot?start=${code}`,
      expiresAt: new Date(t.clock.now() + 600_000).toISOString(),
    });

    api.userWrites({ id: 4242, username: "ivan", language_code: "ru" }, `/start ${code}`);
    await eventually(() => expect(api.sentTo(4242)).toHaveLength(1));
    expect(api.sentTo(4242)[0].text).toMatch(/^Готово: уведомления/);
    expect((await t.request("GET", LINK, { token: user.token })).body).toEqual({ linked: true, username: "ivan" });

    // The code is spent: another chat sending it binds nothing.
    api.userWrites({ id: 4343, username: "mallory" }, `/start ${code}`);
    await eventually(() => expect(api.sentTo(4343)).toHaveLength(1));
    expect(api.sentTo(4343)[0].text).toMatch(/^This link is no longer valid/);
    expect((await t.request("GET", LINK, { token: user.token })).body).toEqual({ linked: true, username: "ivan" });

    expect((await t.request("DELETE", LINK, { token: user.token })).status).toBe(204);
    expect((await t.request("GET", LINK, { token: user.token })).body).toEqual({ linked: false, username: null });
  });

  it("refuses an expired code, and a code replaced by a newer one", async () => {
    const user = await t.signUp();
    const first = (await t.request("POST", LINK, { token: user.token })).body.code;
    const second = (await t.request("POST", LINK, { token: user.token })).body.code;
    api.userWrites({ id: 5151 }, `/start ${first}`);
    await eventually(() => expect(api.sentTo(5151)).toHaveLength(1));
    expect(api.sentTo(5151)[0].text).toMatch(/no longer valid/);

    t.clock.advance(600_001);
    api.userWrites({ id: 5151 }, `/start ${second}`);
    await eventually(() => expect(api.sentTo(5151)).toHaveLength(2));
    expect(api.sentTo(5151)[1].text).toMatch(/no longer valid/);
    expect((await t.request("GET", LINK, { token: user.token })).body.linked).toBe(false);
  });

  it("cannot give a code while the bot's username is unknown (no option, getMe unanswered)", async () => {
    const down = await FakeBotApi.start();
    const apiRoot = down.apiRoot;
    await down.close();
    const own = await startTestCabinet({
      plugins: [telegramPlugin],
      config: {
        notifications: { delivery: { enabled: false } },
        plugins: [{ name: "notify-telegram", options: { botToken: api.token, apiRoot, polling: false, timeoutMs: 500 } }],
      },
    });
    try {
      const user = await own.signUp();
      const response = await own.request("POST", LINK, { token: user.token });
      expect(response.status).toBe(503);
      expect(response.body.error).toMatchObject({ code: "CAB_ERR_UNAVAILABLE", details: { reason: "the Telegram bot is not reachable" } });
    } finally {
      await own.close();
    }
    // A core of its own, migrated inside the test: on MariaDB on a busy machine that alone takes
    // most of the default 20 s, so it gets the set-up hooks' allowance.
  }, 60_000);

  it("answers a bare /start with how to bind, and asks for a signed-in user", async () => {
    api.userWrites({ id: 5252 }, "/start");
    await eventually(() => expect(api.sentTo(5252)).toHaveLength(1));
    expect(api.sentTo(5252)[0].text).toMatch(/^To get notifications here/);
    expect((await t.request("POST", LINK)).status).toBe(401);
    expect((await t.request("GET", LINK)).body.error.code).toBe("CAB_ERR_UNAUTHENTICATED");
  });

  it("polls with the offset past the last update it handled, so each is handled once", async () => {
    api.userWrites({ id: 5353 }, "/start");
    const updateId = api.lastUpdateId;
    await eventually(() => expect(api.polls).toContain(updateId + 1));
    await eventually(() => expect(api.polls.filter((offset) => offset === updateId + 1).length).toBeGreaterThan(1));
    expect(api.sentTo(5353)).toHaveLength(1);
  });

  it("resumes after a restart where it stopped, so no update is handled twice", async () => {
    api.userWrites({ id: 5454 }, "/start");
    const updateId = api.lastUpdateId;
    await eventually(() => expect(api.sentTo(5454)).toHaveLength(1));
    const db = t.cabinet.container.resolve<Database>(TOKENS.Database);
    const restarted = new TelegramBot(new BotApi(api.apiRoot, api.token, 1000), new TelegramStore(db, t.clock.now), t.cabinet.container, t.cabinet.logger, {
      botId: api.token.split(":")[0],
      pollTimeoutSeconds: 1,
      replyWindowMs: 86_400_000,
      now: t.clock.now,
    });
    const before = api.polls.length;
    restarted.startPolling();
    await eventually(() => expect(api.polls.length).toBeGreaterThan(before));
    await restarted.stop();
    expect(api.polls.slice(before)).not.toContain(undefined);
    expect(Math.min(...(api.polls.slice(before) as number[]))).toBeGreaterThanOrEqual(updateId + 1);
    expect(api.sentTo(5454)).toHaveLength(1);
  });
});

describe("delivering over Telegram", () => {
  it('is registered by the plugin as notification-channel "telegram"', () => {
    expect(channel).toBeInstanceOf(TelegramChannel);
  });

  it("fails for a user who has not bound Telegram, for good", async () => {
    const user = await t.signUp();
    expect(await channel.deliver(notification(user.userId))).toEqual({ status: "failed", reason: "not linked", retryable: false });
  });

  it("sends the bot's message to the bound chat, escaped, with an absolute link and a reply hint for a ticket", async () => {
    const user = await boundUser();
    const outcome = await channel.deliver(notification(user.userId));
    const sent = api.sentTo(user.chatId).at(-1)!;
    expect(outcome).toEqual({ status: "delivered", externalId: `${user.chatId}:${sent.message_id}` });
    expect(sent.parse_mode).toBe("HTML");
    expect(sent.text).toBe(
      "<b>New reply on &lt;your&gt; ticket</b>\n\nFixed &amp; tested.\n\nhttps://my.northwind.example/tickets/tkt_01jdtest00000001\n\n<i>Reply to this message to answer on the ticket.</i>",
    );
  });

  it("sends one message per notification, however often it is delivered", async () => {
    const user = await boundUser();
    const once = notification(user.userId);
    const first = await channel.deliver(once);
    const sentBefore = api.sentTo(user.chatId).length;
    expect(await channel.deliver(once)).toEqual(first);
    expect(api.sentTo(user.chatId)).toHaveLength(sentBefore);
  });

  it("retries after 429 and 5xx, not after 400; a bot the user blocked (403) unbinds the chat", async () => {
    const user = await boundUser();
    api.failNext = { status: 429, description: "Too Many Requests: retry after 3" };
    expect(await channel.deliver(notification(user.userId))).toEqual({
      status: "failed",
      reason: "Telegram 429: Too Many Requests: retry after 3",
      retryable: true,
    });
    api.failNext = { status: 502, description: "Bad Gateway" };
    expect(await channel.deliver(notification(user.userId))).toMatchObject({ status: "failed", retryable: true });
    api.failNext = { status: 400, description: "Bad Request: chat not found" };
    expect(await channel.deliver(notification(user.userId))).toEqual({
      status: "failed",
      reason: "Telegram 400: Bad Request: chat not found",
      retryable: false,
    });
    expect((await t.request("GET", LINK, { token: user.token })).body.linked).toBe(true);

    api.failNext = { status: 403, description: "Forbidden: bot was blocked by the user" };
    expect(await channel.deliver(notification(user.userId))).toEqual({
      status: "failed",
      reason: "Telegram 403: Forbidden: bot was blocked by the user",
      retryable: false,
    });
    expect((await t.request("GET", LINK, { token: user.token })).body.linked).toBe(false);
    expect(await channel.deliver(notification(user.userId))).toMatchObject({ reason: "not linked" });
  });

  it("retries when the Bot API does not answer at all", async () => {
    const user = await boundUser();
    const down = await FakeBotApi.start();
    const root = down.apiRoot;
    await down.close();
    // The same binding, the same tables, only the API is missing.
    const store = new TelegramStore(t.cabinet.container.resolve<Database>(TOKENS.Database), t.clock.now);
    const cutOff = new TelegramChannel(new BotApi(root, api.token, 1000), store, { publicUrl: () => undefined, replyWindowMs: 86_400_000, now: t.clock.now });
    expect(await cutOff.deliver(notification(user.userId))).toEqual({
      status: "failed",
      reason: expect.stringMatching(/^Telegram unreachable: /),
      retryable: true,
    });
    expect((await t.request("GET", LINK, { token: user.token })).body.linked).toBe(true);
  });
});

describe("replying in Telegram", () => {
  it("adds a reply to a ticket's notification to that ticket, as the user, and says so", async () => {
    const user = await boundUser();
    await channel.deliver(notification(user.userId));
    const notificationMessage = api.sentTo(user.chatId).at(-1)!.message_id;

    const replyId = api.userWrites({ id: user.chatId }, "  Thanks, it works now  ", notificationMessage);
    await eventually(() => expect(api.sentTo(user.chatId).at(-1)!.reply_to_message_id).toBe(replyId));
    expect(replies).toEqual([{ userId: user.userId, ticketId: "tkt_01jdtest00000001", body: "Thanks, it works now" }]);
    expect(api.sentTo(user.chatId).at(-1)!.text).toBe("Your reply was added to the ticket.");
  });

  it("tells the user when the ticket refused the reply, could not take it, or when it was not text", async () => {
    const user = await boundUser("ru");
    await channel.deliver(notification(user.userId));
    const notificationMessage = api.sentTo(user.chatId).at(-1)!.message_id;

    refuseReplies = "the ticket is closed";
    const refused = api.userWrites({ id: user.chatId, language_code: "ru" }, "Ещё вопрос", notificationMessage);
    await eventually(() => expect(api.sentTo(user.chatId).at(-1)!.reply_to_message_id).toBe(refused));
    expect(api.sentTo(user.chatId).at(-1)!.text).toBe("Ваш ответ не добавлен в заявку: the ticket is closed");

    repliesBroken = true;
    const broken = api.userWrites({ id: user.chatId, language_code: "ru" }, "Ещё вопрос", notificationMessage);
    await eventually(() => expect(api.sentTo(user.chatId).at(-1)!.reply_to_message_id).toBe(broken));
    expect(api.sentTo(user.chatId).at(-1)!.text).toMatch(/^Ответы из Telegram сейчас недоступны/);
    repliesBroken = false;

    const photo = api.userWrites({ id: user.chatId }, undefined, notificationMessage);
    await eventually(() => expect(api.sentTo(user.chatId).at(-1)!.reply_to_message_id).toBe(photo));
    expect(api.sentTo(user.chatId).at(-1)!.text).toMatch(/^Only a text reply/);
    expect(replies).toEqual([]);
  });

  it("ignores replies to anything but a ticket's notification sent to that chat's user", async () => {
    const user = await boundUser();
    const other = await boundUser();
    await channel.deliver(notification(user.userId, { reference: { type: "invoice", id: "inv_01jdtest00000001" }, event: "invoice.issued" }));
    const invoiceMessage = api.sentTo(user.chatId).at(-1)!.message_id;
    await channel.deliver(notification(other.userId));
    const othersTicketMessage = api.sentTo(other.chatId).at(-1)!.message_id;

    const sentBefore = api.sent.length;
    api.userWrites({ id: user.chatId }, "about the invoice", invoiceMessage);
    api.userWrites({ id: user.chatId }, "someone else's ticket", othersTicketMessage);
    api.userWrites({ id: user.chatId }, "/start"); // a marker: answered once the two before were handled
    await eventually(() => expect(api.sent.length).toBe(sentBefore + 1));
    expect(api.sent.at(-1)!.text).toMatch(/^To get notifications here/);
    expect(replies).toEqual([]);
  });

  it("stops polling when the core stops", async () => {
    const own = await FakeBotApi.start();
    const cabinet = await createCabinet(
      {
        env: "test",
        log: { level: "silent" },
        database: { url: "sqlite::memory:" },
        plugins: [{ name: "notify-telegram", options: { botToken: own.token, apiRoot: own.apiRoot, pollTimeoutSeconds: 5 } }],
      },
      { plugins: [telegramPlugin] },
    );
    await eventually(() => expect(own.polls.length).toBe(1));
    const started = Date.now();
    await cabinet.stop();
    expect(Date.now() - started).toBeLessThan(2000); // the long poll was cut short, not waited out
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(own.polls).toHaveLength(1);
    await own.close();
  });
});

describe("webhook mode", () => {
  const secretToken = "webhook-secret-token-0123";
  let hookApi: FakeBotApi;
  let w: TestCabinet;
  const UPDATES = "/plugins/notify-telegram/updates";
  const post = (update: unknown, token?: string) =>
    w.request("POST", UPDATES, {
      rawBody: typeof update === "string" ? update : JSON.stringify(update),
      headers: token ? { "x-telegram-bot-api-secret-token": token } : {},
    });

  beforeAll(async () => {
    hookApi = await FakeBotApi.start();
    w = await startTestCabinet({
      plugins: [telegramPlugin],
      config: {
        notifications: { delivery: { enabled: false } },
        plugins: [
          {
            name: "notify-telegram",
            options: {
              botToken: hookApi.token,
              apiRoot: hookApi.apiRoot,
              botUsername: "northwind_test_bot",
              webhook: { url: "https://my.northwind.example/plugins/notify-telegram/updates", secretToken },
            },
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await w.close();
    await hookApi.close();
  });

  it("registers the webhook with its secret instead of polling", () => {
    expect(hookApi.webhooks).toEqual([
      { url: "https://my.northwind.example/plugins/notify-telegram/updates", secret_token: secretToken, allowed_updates: ["message"], max_connections: 1 },
    ]);
    expect(hookApi.polls).toEqual([]);
  });

  it("binds from a /start update POSTed with the secret, once however often it arrives; refuses one without", async () => {
    const user = await w.signUp();
    const { code } = (await w.request("POST", LINK, { token: user.token })).body;
    const update = hookApi.updateOf({ id: 6161, username: "olga" }, `/start ${code}`);

    expect((await post(update)).status).toBe(401);
    expect((await post(update, "webhook-secret-token-XXXX")).status).toBe(401);
    expect(hookApi.sentTo(6161)).toHaveLength(0);

    expect((await post(update, secretToken)).status).toBe(200);
    expect(hookApi.sentTo(6161).map((m) => m.text)).toEqual([expect.stringMatching(/^Done: notifications/)]);
    expect((await w.request("GET", LINK, { token: user.token })).body).toEqual({ linked: true, username: "olga" });

    expect((await post(update, secretToken)).status).toBe(200); // Telegram sending it again
    expect(hookApi.sentTo(6161)).toHaveLength(1);
  });

  it("answers 400 to what is not an update, and 405 to another method", async () => {
    expect((await post("{not json", secretToken)).status).toBe(400);
    expect((await post({ message: {} }, secretToken)).status).toBe(400);
    expect((await w.request("GET", UPDATES, { headers: { "x-telegram-bot-api-secret-token": secretToken } })).status).toBe(405);
    // A core that polls serves no such page.
    expect((await t.request("POST", UPDATES, { rawBody: "{}", headers: { "x-telegram-bot-api-secret-token": secretToken } })).status).toBe(404);
  });
});

describe("the plugin's options", () => {
  it("refuses a malformed bot token and an API root with a trailing slash", async () => {
    const start = (options: Record<string, unknown>) =>
      createCabinet(
        { env: "test", log: { level: "silent" }, database: { url: "sqlite::memory:" }, plugins: [{ name: "notify-telegram", options }] },
        { plugins: [telegramPlugin] },
      );
    await expect(start({ botToken: "not-a-token" })).rejects.toThrow(/Plugin "notify-telegram" options: botToken must match pattern/);
    await expect(start({ botToken: api.token, apiRoot: "https://api.telegram.org/" })).rejects.toThrow(/apiRoot must match pattern/);
    await expect(start({})).rejects.toThrow('Plugin "notify-telegram" options: botToken is required');
  });
});

describe("the plugin's migration", () => {
  it("drops its tables on the way down and makes them again on the way up", async () => {
    const db = t.cabinet.container.resolve<Database>(TOKENS.Database);
    const tables = ["notify_telegram_codes", "notify_telegram_links", "notify_telegram_messages", "notify_telegram_poll"];
    for (const migration of [...telegramMigrations].reverse()) await migration.down(db);
    for (const table of tables) expect(await db.schema.hasTable(table)).toBe(false);
    for (const migration of telegramMigrations) await migration.up(db);
    for (const table of tables) expect(await db.schema.hasTable(table)).toBe(true);
  });
});
