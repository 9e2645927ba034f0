import { lookup as dnsLookup } from "node:dns/promises";
import { hostname } from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCabinet, TOKENS, type Clock, type Database, type NotificationChannel } from "@cabinet/core";
import { SeedDemo } from "../../../core/src/seed/seed-demo.js";
import { channelNotification } from "../../../core/test/support/notification-fixture.js";
import { signInMember } from "../../../core/test/support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import webhookPlugin, { verifyWebhook, WebhookChannel } from "../src/index.js";
import { WebhookStore, webhookMigrations } from "../src/webhook-store.js";
import { isInternalAddress } from "../src/address-guard.js";
import { LocalEndpoint } from "./local-endpoint.js";

const ENDPOINT = "/api/v1/plugins/notify-webhook/endpoint";
let endpoint: LocalEndpoint;
let t: TestCabinet;
let channel: NotificationChannel;

const notification = (userId: string) =>
  channelNotification({
    event: "invoice.issued",
    recipient: { userId, email: "owner@example.org", locale: "en" },
    title: "Invoice NW-2026-7 issued",
    body: "Amount due: $12.00 — «ready»",
    link: "/invoices/inv_01jdtest00000001",
    reference: { type: "invoice", id: "inv_01jdtest00000001" },
  });

/** A channel over the test core's tables with other settings (a provider endpoint, production's guard). */
function channelWith(settings: Partial<ConstructorParameters<typeof WebhookChannel>[1]>) {
  const clock = t.cabinet.container.resolve<Clock>(TOKENS.Clock);
  const store = new WebhookStore(t.cabinet.container.resolve<Database>(TOKENS.Database), () => clock.now());
  return new WebhookChannel(store, { timeoutMs: 1000, allowInternal: true, nowSeconds: () => Math.floor(clock.now() / 1000), ...settings });
}

beforeAll(async () => {
  endpoint = await LocalEndpoint.start();
  t = await startTestCabinet({
    plugins: [webhookPlugin],
    // The endpoint here listens on 127.0.0.1: loopback is allowed explicitly (it never is by default).
    config: {
      notifications: { delivery: { enabled: false } },
      plugins: [{ name: "notify-webhook", options: { timeoutMs: 500, allowPrivateAddresses: true } }],
    },
  });
  channel = t.cabinet.extensions.get("notification-channel", "webhook")!;
});
afterAll(async () => {
  await t.close();
  await endpoint.close();
});
beforeEach(() => {
  endpoint.received.length = 0;
  endpoint.status = 200;
  endpoint.delayMs = 0;
});

describe("the account's webhook endpoint", () => {
  it("is set, read and removed by the owner; a secret is made when none is given and kept on a change of URL", async () => {
    const owner = await t.signUp();
    expect((await t.request("GET", ENDPOINT, { token: owner.token })).body).toEqual({ url: null, secret: null });

    const set = await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: endpoint.url() } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ url: endpoint.url(), secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const moved = await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: endpoint.url("/other") } });
    expect(moved.body).toEqual({ url: endpoint.url("/other"), secret: set.body.secret });
    const chosen = await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: endpoint.url(), secret: "my own secret of 24 chars" } });
    expect((await t.request("GET", ENDPOINT, { token: owner.token })).body).toEqual(chosen.body);
    expect(chosen.body.secret).toBe("my own secret of 24 chars");

    expect((await t.request("DELETE", ENDPOINT, { token: owner.token })).status).toBe(204);
    expect((await t.request("GET", ENDPOINT, { token: owner.token })).body).toEqual({ url: null, secret: null });
  });

  it("refuses what is not an http(s) URL, a URL with credentials, a short secret and unknown fields, writing nothing", async () => {
    const owner = await t.signUp();
    const refused = async (body: object) => {
      const response = await t.request("PUT", ENDPOINT, { token: owner.token, body });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("CAB_ERR_VALIDATION");
      return response.body.error;
    };
    expect((await refused({ url: "ftp://example.com/hook" })).details.errors).toEqual([{ in: "body", path: "/url", message: "must be http or https" }]);
    expect((await refused({ url: "javascript:alert(1)" })).details.errors[0].message).toBe("must be http or https");
    expect((await refused({ url: "not a url" })).details.errors[0].message).toBe("is not a URL");
    expect((await refused({ url: "https://user:pass@example.com/" })).details.errors[0].message).toBe("must not carry a user name or password");
    await refused({ url: "https://example.com/", secret: "short" });
    await refused({ url: "https://example.com/", events: ["all"] });
    await refused({ url: `https://example.com/${"a".repeat(2000)}` });
    expect((await t.request("GET", ENDPOINT, { token: owner.token })).body).toEqual({ url: null, secret: null });
  });

  it("is the owner's alone: a member may neither read nor set it; nobody signed out may", async () => {
    const owner = await t.signUp();
    await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: endpoint.url() } });
    const memberToken = await signInMember(t, owner.accountId, ["finance"]);
    const read = await t.request("GET", ENDPOINT, { token: memberToken });
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe("CAB_ERR_FORBIDDEN");
    expect((await t.request("PUT", ENDPOINT, { token: memberToken, body: { url: "https://evil.example/" } })).status).toBe(403);
    expect((await t.request("DELETE", ENDPOINT, { token: memberToken })).status).toBe(403);
    expect((await t.request("GET", ENDPOINT, { token: owner.token })).body.url).toBe(endpoint.url());
    expect((await t.request("GET", ENDPOINT)).status).toBe(401);
  });
});

describe("delivering to a webhook", () => {
  it('is registered by the plugin as notification-channel "webhook"', () => {
    expect(channel).toBeInstanceOf(WebhookChannel);
  });

  it("POSTs the owner's notifications as JSON, signed over timestamp.body with the account's secret", async () => {
    const owner = await t.signUp();
    const { secret } = (await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: endpoint.url() } })).body;

    expect(await channel.deliver(notification(owner.userId))).toEqual({ status: "delivered" });
    expect(endpoint.received).toHaveLength(1);
    const [post] = endpoint.received;
    expect(post.path).toBe("/hooks/cabinet");
    expect(post.headers["content-type"]).toBe("application/json");
    expect(post.headers["cabinet-webhook-id"]).toBe("ntf_01jdtest00000001");
    const timestamp = post.headers["cabinet-webhook-timestamp"] as string;
    expect(Number(timestamp)).toBe(Math.floor(t.clock.now() / 1000));
    const signature = post.headers["cabinet-webhook-signature"] as string;
    expect(verifyWebhook(secret, timestamp, signature, post.rawBody, 300, Number(timestamp))).toBe(true);
    // Anything else fails: another secret, a changed body, another timestamp, a stale delivery.
    expect(verifyWebhook("another secret of 24 chars", timestamp, signature, post.rawBody, 300, Number(timestamp))).toBe(false);
    expect(verifyWebhook(secret, timestamp, signature, post.rawBody.replace("12.00", "1.00"), 300, Number(timestamp))).toBe(false);
    expect(verifyWebhook(secret, String(Number(timestamp) + 1), signature, post.rawBody, 300, Number(timestamp))).toBe(false);
    expect(verifyWebhook(secret, timestamp, signature, post.rawBody, 300, Number(timestamp) + 301)).toBe(false);

    expect(JSON.parse(post.rawBody)).toEqual({
      id: "ntf_01jdtest00000001",
      event: "invoice.issued",
      brandId: "brd_01jdtest00000001",
      recipient: { userId: owner.userId, email: "owner@example.org" },
      title: "Invoice NW-2026-7 issued",
      body: "Amount due: $12.00 — «ready»",
      link: "/invoices/inv_01jdtest00000001",
      reference: { type: "invoice", id: "inv_01jdtest00000001" },
    });
  });

  it("fails for good for a user whose account has no endpoint (or who is not the owner who set it)", async () => {
    const owner = await t.signUp();
    expect(await channel.deliver(notification(owner.userId))).toEqual({ status: "failed", reason: "no webhook endpoint", retryable: false });
    expect(endpoint.received).toHaveLength(0);
  });

  it("retries after 5xx, 429, a time-out or no connection; not after another 4xx", async () => {
    const owner = await t.signUp();
    await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: endpoint.url() } });
    const host = `127.0.0.1:${endpoint.port}`;

    endpoint.status = 503;
    expect(await channel.deliver(notification(owner.userId))).toEqual({ status: "failed", reason: `${host} answered 503`, retryable: true });
    endpoint.status = 429;
    expect(await channel.deliver(notification(owner.userId))).toEqual({ status: "failed", reason: `${host} answered 429`, retryable: true });
    endpoint.status = 410;
    expect(await channel.deliver(notification(owner.userId))).toEqual({ status: "failed", reason: `${host} answered 410`, retryable: false });
    endpoint.status = 302;
    expect(await channel.deliver(notification(owner.userId))).toMatchObject({ status: "failed", retryable: false });

    endpoint.status = 200;
    endpoint.delayMs = 1500; // past the plugin's 500 ms
    expect(await channel.deliver(notification(owner.userId))).toEqual({ status: "failed", reason: `${host} did not answer in 500 ms`, retryable: true });

    const down = await LocalEndpoint.start();
    await down.close();
    await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: down.url() } });
    expect(await channel.deliver(notification(owner.userId))).toEqual({ status: "failed", reason: `127.0.0.1:${down.port}: ECONNREFUSED`, retryable: true });
  });

  it("also POSTs to the provider's endpoint from the options, signed with its own secret", async () => {
    const owner = await t.signUp();
    const { secret } = (await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: endpoint.url("/account") } })).body;
    const provider = channelWith({ providerEndpoint: { url: endpoint.url("/provider"), secret: "the provider's secret, 32 chars" } });

    expect(await provider.deliver(notification(owner.userId))).toEqual({ status: "delivered" });
    const byPath = Object.fromEntries(endpoint.received.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual(["/account", "/provider"]);
    const check = (path: string, key: string) =>
      verifyWebhook(
        key,
        byPath[path].headers["cabinet-webhook-timestamp"] as string,
        byPath[path].headers["cabinet-webhook-signature"] as string,
        byPath[path].rawBody,
        300,
        Math.floor(t.clock.now() / 1000),
      );
    expect(check("/account", secret)).toBe(true);
    expect(check("/provider", "the provider's secret, 32 chars")).toBe(true);

    // Every user's notifications reach the provider, whether or not their account set an endpoint.
    const other = await t.signUp();
    expect(await provider.deliver(notification(other.userId))).toEqual({ status: "delivered" });
    expect(endpoint.received.at(-1)!.path).toBe("/provider");
  });
});

describe("guarding the provider's network (the default)", () => {
  it("refuses an account's endpoint on a loopback or private address, by literal or by name, without connecting", async () => {
    const production = channelWith({ allowInternal: false });
    const owner = await t.signUp();
    const port = endpoint.port;
    for (const url of [
      endpoint.url(),
      `http://localhost:${port}/hooks`,
      `http://localhost.:${port}/hooks`,
      `http://LOCALHOST.:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::7f00:1]:${port}/`,
      `http://[64:ff9b::7f00:1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[2002:7f00:1::]:${port}/`,
    ]) {
      await t.request("PUT", ENDPOINT, { token: owner.token, body: { url } });
      expect(await production.deliver(notification(owner.userId)), url).toMatchObject({
        status: "failed",
        reason: expect.stringContaining("internal address"),
        retryable: false,
      });
    }
    expect(endpoint.received).toHaveLength(0);
  });

  it("refuses a name that resolves to an internal address when it connects, not only when it is set", async () => {
    // This machine's own name resolves (through /etc/hosts) to a loopback or private address.
    const name = hostname();
    const { address } = await dnsLookup(name);
    expect(isInternalAddress(address), `${name} → ${address}`).toBe(true);
    const production = channelWith({ allowInternal: false });
    const owner = await t.signUp();
    await t.request("PUT", ENDPOINT, { token: owner.token, body: { url: `http://${name}:${endpoint.port}/hooks` } });
    expect(await production.deliver(notification(owner.userId))).toEqual({
      status: "failed",
      reason: `${name} resolves to ${address}, an internal address`,
      retryable: false,
    });
    expect(endpoint.received).toHaveLength(0);
  });

  it("knows the internal ranges, and the IPv6 forms that carry an internal IPv4 address", () => {
    const internal = [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::7f00:1",
      "::127.0.0.1",
      "64:ff9b::7f00:1",
      "64:ff9b::10.0.0.1",
      "64:ff9b:1::a9fe:a9fe",
      "::ffff:0:7f00:1",
      "2002:c0a8:101::",
    ];
    const external = ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"];
    expect(internal.filter((a) => !isInternalAddress(a))).toEqual([]);
    expect(external.filter((a) => isInternalAddress(a))).toEqual([]);
  });

  it("refuses such an endpoint when it is set, whatever env says", async () => {
    const cabinet = await createCabinet(
      {
        env: "development",
        log: { level: "silent" },
        database: { url: "sqlite::memory:" },
        http: { host: "127.0.0.1", port: 0 },
        auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 } },
        plugins: [{ name: "notify-webhook", options: {} }],
      },
      { plugins: [webhookPlugin] },
    );
    try {
      await cabinet.migrate();
      const url = await cabinet.start();
      await cabinet.container.resolve(SeedDemo).execute();
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      await post("/api/v1/auth/sign-up", { email: "prod-owner@example.org", password: "correct horse battery", name: "Owner" });
      const { token } = await (
        await post("/api/v1/auth/sign-in", { email: "prod-owner@example.org", password: "correct horse battery", mode: "bearer" })
      ).json();
      for (const target of [
        "http://127.0.0.1/hook",
        "http://10.1.2.3/hook",
        "http://[::1]/hook",
        "http://localhost:8080/",
        "http://localhost./",
        "http://app.localhost./",
        "http://[::ffff:192.168.0.1]/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::7f00:1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[::ffff:7f00:1]/",
      ]) {
        const response = await fetch(`${url}${ENDPOINT}`, {
          method: "PUT",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ url: target }),
        });
        expect(response.status, target).toBe(400);
        expect((await response.json()).error.details.errors[0].message).toBe("must not point at a loopback or private address");
      }
      const publicOne = await fetch(`${url}${ENDPOINT}`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ url: "https://hooks.example.com/cabinet" }),
      });
      expect(publicOne.status).toBe(200);
    } finally {
      await cabinet.stop();
    }
  });
});

describe("the plugin's options", () => {
  it("refuses a provider endpoint that is not an http(s) URL, or a short secret", async () => {
    const start = (options: Record<string, unknown>) =>
      createCabinet(
        { env: "test", log: { level: "silent" }, database: { url: "sqlite::memory:" }, plugins: [{ name: "notify-webhook", options }] },
        { plugins: [webhookPlugin] },
      );
    const secret = "the provider's secret, 32 chars";
    await expect(start({ endpoint: { url: "ftp://crm.example.com/", secret } })).rejects.toThrow(
      'Plugin "notify-webhook" options: endpoint.url must match pattern "^https?://"',
    );
    await expect(start({ endpoint: { url: "https://crm example com/", secret } })).rejects.toThrow(
      'Plugin "notify-webhook" failed in register: endpoint.url is not a URL: https://crm example com/',
    );
    await expect(start({ endpoint: { url: "https://crm.example.com/", secret: "short" } })).rejects.toThrow(
      "options: endpoint.secret must NOT have fewer than 16 characters",
    );
  });
});

describe("the plugin's migration", () => {
  it("drops its table on the way down and makes it again on the way up", async () => {
    const db = t.cabinet.container.resolve<Database>(TOKENS.Database);
    for (const migration of [...webhookMigrations].reverse()) await migration.down(db);
    expect(await db.schema.hasTable("notify_webhook_endpoints")).toBe(false);
    for (const migration of webhookMigrations) await migration.up(db);
    expect(await db.schema.hasTable("notify_webhook_endpoints")).toBe(true);
  });
});
