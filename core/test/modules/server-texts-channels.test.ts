import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import emailPlugin from "../../../plugins/notify-email/src/index.js";
import { LocalSmtpServer } from "../../../plugins/notify-email/test/local-smtp-server.js";
import telegramPlugin from "../../../plugins/notify-telegram/src/index.js";
import { FakeBotApi } from "../../../plugins/notify-telegram/test/fake-bot-api.js";
import type { PluginDefinition } from "../../src/index.js";
import { issueInvoice } from "../support/document-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// A Russian account's notifications, the real way: the outbox, the notify-email plugin with a
// real SMTP server, the notify-telegram plugin with a local Bot API. The accountant the owner
// adds without choosing a language speaks the account's (Russian), in every channel, and the
// preferences name the channels in it.

let t: TestCabinet;
let smtp: LocalSmtpServer;
let bot: FakeBotApi;
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

beforeAll(async () => {
  smtp = await LocalSmtpServer.start();
  bot = await FakeBotApi.start();
  t = await startTestCabinet({
    plugins: [emailPlugin as unknown as PluginDefinition, telegramPlugin as unknown as PluginDefinition],
    config: {
      http: { host: "127.0.0.1", port: 0, publicUrl: "https://my.northwind.example" },
      notifications: { delivery: { enabled: true, pollIntervalMs: 50 } },
      plugins: [
        { name: "notify-email", options: { smtp: { host: "127.0.0.1", port: smtp.port, timeoutMs: 5000 }, from: "Cabinet <noreply@cabinet.example>" } },
        { name: "notify-telegram", options: { botToken: bot.token, apiRoot: bot.apiRoot, pollTimeoutSeconds: 1, linkCodeTtlSeconds: 600, timeoutMs: 2000 } },
      ],
    },
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
  await bot?.close();
});

describe("a Russian account's notifications", () => {
  it("reach its new accountant in Russian in the centre, by e-mail and in Telegram; the preferences name the channels in Russian", async () => {
    const owner = await t.signUp(undefined, { name: "Ольга" });
    expect((await t.request("PATCH", "/api/v1/me", { token: owner.token, body: { accountLocale: "ru" } })).status).toBe(200);
    const email = `accountant-${Date.now()}@example.org`;
    const created = await t.request("POST", "/api/v1/users", {
      token: owner.token,
      body: { email, name: "Бухгалтер", password: "handed over password", roles: ["accountant"], serviceIds: null, currentPassword: "correct horse battery" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const signedIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email, password: "handed over password", mode: "bearer" } });
    const token = signedIn.body.token as string;
    expect(signedIn.body.user.locale).toBe("ru");
    expect(
      (await t.request("POST", "/api/v1/me/password", { token, body: { password: "handed over password", newPassword: "my very own password" } })).status,
    ).toBe(200);
    const session = await t.request("POST", "/api/v1/auth/sign-in", { body: { email, password: "my very own password", mode: "bearer" } });
    const member = session.body.token as string;

    const link = await t.request("POST", "/api/v1/plugins/notify-telegram/link", { token: member });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const chatId = 9100;
    bot.userWrites({ id: chatId, username: "buh", language_code: "en" }, `/start ${link.body.code}`);
    await eventually(async () => expect((await t.request("GET", "/api/v1/plugins/notify-telegram/link", { token: member })).body.linked).toBe(true));
    // The bot's confirmation (in the Telegram user's language); on a busy machine the password
    // change's notice, raised before the link, may be delivered to the new chat too.
    await eventually(() => expect(bot.sentTo(chatId).some((m) => m.text.startsWith("Done: notifications"))).toBe(true));

    const preferences = (await t.request("GET", "/api/v1/notifications/preferences", { token: member })).body;
    expect(preferences.channels.map((c: { name: string }) => c.name)).toEqual(["В личном кабинете", "Эл. почта", "Telegram"]);
    expect(preferences.events.find((e: { event: string }) => e.event === "invoice.issued").label).toBe("Выставлен счёт");

    await issueInvoice(t, owner.accountId, [1200]);

    await eventually(async () =>
      expect((await t.request("GET", "/api/v1/notifications", { token: member })).body.items[0]).toMatchObject({
        title: "Выставлен счёт",
        body: "Вам выставлен новый счёт.",
      }),
    );
    const mail = await eventually(() => {
      const found = smtp.received.find((m) => m.envelope.to.includes(email) && m.mail.text?.includes("счёт"));
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.mail.subject).toMatch(/^Выставлен счёт — /);
    expect(mail.mail.text).toContain("Вам выставлен новый счёт.");
    expect(mail.mail.text).toContain("Вы получили это письмо согласно настройкам уведомлений");
    await eventually(() => expect(bot.sentTo(chatId).find((m) => m.text.includes("Выставлен счёт"))?.text).toContain("Вам выставлен новый счёт."));
  });

  it("are read in the language the user speaks now: a notification sent in English reads Russian in the centre after the switch", async () => {
    const owner = await t.signUp(undefined, { name: "Olga" });
    await issueInvoice(t, owner.accountId, [1500]);
    const first = async () => (await t.request("GET", "/api/v1/notifications", { token: owner.token })).body.items[0];
    await eventually(async () => expect(await first()).toMatchObject({ title: "Invoice issued", body: "A new invoice has been issued to you." }));
    expect((await t.request("PATCH", "/api/v1/me", { token: owner.token, body: { locale: "ru" } })).status).toBe(200);
    expect(await first()).toMatchObject({ title: "Выставлен счёт", body: "Вам выставлен новый счёт." });
    // What went out by e-mail stays as it was sent.
    const stored = await t.cabinet.db("notifications").where({ user_id: owner.userId }).first();
    expect(stored.title).toBe("Invoice issued");
  });
});
