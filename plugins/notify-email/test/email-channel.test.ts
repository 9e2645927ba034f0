import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCabinet, PluginError, TOKENS, type BrandLookup, type NotificationChannel } from "@cabinet/core";
import { channelNotification, type ChannelNotification } from "../../../core/test/support/notification-fixture.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import emailPlugin, { EmailChannel } from "../src/index.js";
import { LocalSmtpServer } from "./local-smtp-server.js";

let smtp: LocalSmtpServer;
let t: TestCabinet;
let channel: NotificationChannel;
let demoBrandId: string;
let templatesDir: string;
// Every core here has its outbox worker off (notifications.delivery.enabled): the tests call the
// channel themselves, and the worker would also mail the seed's own notifications (the demo invoice).

const notification = (overrides: Partial<ChannelNotification> = {}) => channelNotification({ brandId: demoBrandId, ...overrides });

beforeAll(async () => {
  smtp = await LocalSmtpServer.start();
  templatesDir = await mkdtemp(join(tmpdir(), "notify-email-"));
  t = await startTestCabinet({
    plugins: [emailPlugin],
    config: {
      notifications: { delivery: { enabled: false } },
      http: { host: "127.0.0.1", port: 0, publicUrl: "https://my.northwind.example" },
      plugins: [
        {
          name: "notify-email",
          options: {
            smtp: { host: "127.0.0.1", port: smtp.port, timeoutMs: 2000 },
            from: "Cabinet <noreply@cabinet.example>",
            senders: { demo: "Northwind Support <support@northwind.example>" },
            templatesDir,
          },
        },
      ],
    },
  });
  channel = t.cabinet.extensions.get("notification-channel", "email")!;
  demoBrandId = (await t.cabinet.container.resolve<BrandLookup>(TOKENS.Brands).bySlug("demo"))!.id;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await rm(templatesDir, { recursive: true, force: true });
});
beforeEach(() => {
  smtp.received.length = 0;
  smtp.refuseWith = null;
});

describe("the email channel", () => {
  it('is registered by the plugin as notification-channel "email"', () => {
    expect(channel).toBeInstanceOf(EmailChannel);
  });

  it("sends the brand's sender, subject and both parts, with the user's text escaped in HTML", async () => {
    const outcome = await channel.deliver(notification({ title: "Ticket <b>#7</b> & co", body: 'Try <script>alert("x")</script>\nsecond line' }));
    expect(outcome).toEqual({ status: "delivered", externalId: "<ntf_01jdtest00000001@northwind.example>" });

    expect(smtp.received).toHaveLength(1);
    const { envelope, mail } = smtp.received[0];
    expect(envelope).toEqual({ from: "support@northwind.example", to: ["client@example.org"] });
    expect(mail.from?.value).toEqual([{ name: "Northwind Support", address: "support@northwind.example" }]);
    expect(mail.subject).toBe("Ticket <b>#7</b> & co — Northwind Hosting");
    expect(mail.headers.get("x-cabinet-notification-id")).toBe("ntf_01jdtest00000001");
    expect(mail.messageId).toBe("<ntf_01jdtest00000001@northwind.example>");

    expect(mail.text).toContain('Try <script>alert("x")</script>\nsecond line');
    expect(mail.text).toContain("Open: https://my.northwind.example/tickets/tkt_01jdtest00000001");

    const html = String(mail.html);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>#7</b>");
    expect(html).toContain("Try &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>\nsecond line");
    expect(html).toContain('<h1 style="font-size:20px;margin:0 0 16px">Ticket &lt;b&gt;#7&lt;/b&gt; &amp; co</h1>');
    expect(html).toContain('href="https://my.northwind.example/tickets/tkt_01jdtest00000001"');
  });

  it("writes in Russian to a Russian-speaking user", async () => {
    await channel.deliver(
      notification({
        recipient: { userId: "usr_01jdtest00000002", email: "ivan@example.org", locale: "ru-RU" },
        title: "Новый ответ по заявке",
        body: "Сервер снова работает.",
      }),
    );
    const { mail } = smtp.received[0];
    expect(mail.subject).toBe("Новый ответ по заявке — Northwind Hosting");
    expect(mail.text).toContain("Сервер снова работает.");
    expect(mail.text).toContain("Открыть: https://my.northwind.example/tickets/");
    expect(String(mail.html)).toContain('<html lang="ru">');
    expect(String(mail.html)).toContain("Открыть в личном кабинете");
  });

  it("leaves out a link that is not http(s)", async () => {
    await channel.deliver(notification({ link: "javascript:alert(1)" }));
    const { mail } = smtp.received[0];
    expect(String(mail.html)).not.toContain("javascript:");
    expect(mail.text).not.toContain("Open:");
  });

  it("sends a brand without a sender of its own from the default address under the brand's name, with that brand's templates", async () => {
    const brand = await addBrand(t, "acme");
    await mkdir(join(templatesDir, "acme", "en"), { recursive: true });
    await writeFile(join(templatesDir, "acme", "en", "subject.hbs"), "[Acme] {{{title}}}");
    await writeFile(join(templatesDir, "acme", "en", "text.hbs"), "Acme says: {{{body}}}");

    await channel.deliver(notification({ brandId: brand.id }));
    const { mail } = smtp.received[0];
    expect(mail.from?.value).toEqual([{ name: "acme", address: "noreply@cabinet.example" }]);
    expect(mail.messageId).toBe("<ntf_01jdtest00000001@cabinet.example>");
    expect(mail.subject).toBe("[Acme] New reply on your ticket");
    expect(mail.text).toBe("Acme says: Hello,\nthe server is back.");
    // The HTML part was not replaced, so the shipped one is used.
    expect(String(mail.html)).toContain("Open in your account");
  });

  it("sends from the brand's own sender, set on the brand, when the options name none for it", async () => {
    const orbit = (await t.cabinet.container.resolve<BrandLookup>(TOKENS.Brands).bySlug("orbit"))!;
    await channel.deliver(notification({ brandId: orbit.id }));
    const { mail, envelope } = smtp.received[0];
    expect(mail.from?.value).toEqual([{ name: "Orbit Cloud", address: "no-reply@orbit.example" }]);
    expect(envelope.from).toBe("no-reply@orbit.example");
  });

  it("reports a 4xx answer as a failure to retry, and a 5xx answer as final", async () => {
    smtp.refuseWith = 452;
    expect(await channel.deliver(notification())).toEqual({ status: "failed", reason: expect.stringMatching(/^SMTP 452: /), retryable: true });
    smtp.refuseWith = 550;
    expect(await channel.deliver(notification())).toEqual({ status: "failed", reason: expect.stringMatching(/^SMTP 550: .*No such user/), retryable: false });
    expect(smtp.received).toHaveLength(0);
  });

  it("reports an SMTP server that is down as a failure to retry", async () => {
    const down = await LocalSmtpServer.start();
    await down.close();
    const direct = new EmailChannel(
      { smtp: { host: "127.0.0.1", port: down.port, secure: false, requireTLS: false, timeoutMs: 1000 }, from: "noreply@cabinet.example", senders: {} },
      t.cabinet.container.resolve<BrandLookup>(TOKENS.Brands),
      () => undefined,
    );
    expect(await direct.deliver(notification())).toEqual({ status: "failed", reason: expect.stringMatching(/ECONNREFUSED/), retryable: true });
    direct.close();
  });

  it("links to the port the core listens on when no public URL is configured", async () => {
    const own = await startTestCabinet({
      plugins: [emailPlugin],
      config: {
        notifications: { delivery: { enabled: false } },
        plugins: [{ name: "notify-email", options: { smtp: { host: "127.0.0.1", port: smtp.port, timeoutMs: 2000 }, from: "noreply@cabinet.example" } }],
      },
    });
    try {
      const brand = await own.cabinet.container.resolve<BrandLookup>(TOKENS.Brands).bySlug("demo");
      await own.cabinet.extensions.get("notification-channel", "email")!.deliver(notification({ brandId: brand!.id }));
      const port = new URL(own.url).port;
      expect(smtp.received[0].mail.text).toContain(`Open: http://localhost:${port}/tickets/tkt_01jdtest00000001`);
    } finally {
      await own.close();
    }
  });

  it("refuses to start without SMTP settings or a sender", async () => {
    const start = (options: unknown) =>
      createCabinet(
        { env: "test", log: { level: "silent" }, database: { url: "sqlite::memory:" }, plugins: [{ name: "notify-email", options: options as never }] },
        { plugins: [emailPlugin] },
      );
    await expect(start({ from: "noreply@cabinet.example" })).rejects.toThrow(new PluginError('Plugin "notify-email" options: smtp is required'));
    await expect(start({ smtp: { host: "127.0.0.1" } })).rejects.toThrow('Plugin "notify-email" options: from is required');
    await expect(start({ smtp: { host: "127.0.0.1" }, from: "noreply@cabinet.example\r\nBcc: x@y.z" })).rejects.toThrow(/from must match pattern/);
  });
});
