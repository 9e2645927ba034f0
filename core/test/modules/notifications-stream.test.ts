import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type CabinetConfigInput, type PluginDefinition } from "../../src/index.js";
import { DeliverDueNotifications } from "../../src/modules/notifications/deliver-due-notifications.js";
import { NotificationRepository } from "../../src/modules/notifications/notification.repository.js";
import { addUser, listed, publish, ScriptedChannel, scriptedChannelPlugin, SseClient } from "../support/notification-helpers.js";
import { waitFor } from "../support/document-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// Three cores on one database: A and B share Redis, C has none. Their polls are slow (10 s)
// where Redis must make a stream immediate, and fast on C, which only polls.
const redis = { url: "redis://127.0.0.1:6379", keyPrefix: `cabinet-test-notifications-${randomBytes(4).toString("hex")}:` };
// Every core has the same channel plugin (as a cluster would), each its own instance sharing
// one record of what reached the outside world; the outbox workers are off, the tests run passes.
const outside: Parameters<ScriptedChannel["deliver"]>[0][] = [];
const channels = { a: new ScriptedChannel("scripted", outside), b: new ScriptedChannel("scripted", outside), c: new ScriptedChannel("scripted", outside) };
const withChannel = (channel: ScriptedChannel, config: CabinetConfigInput) => ({
  plugins: [scriptedChannelPlugin(channel) as unknown as PluginDefinition],
  config: {
    ...config,
    plugins: [{ name: "notify-scripted", options: {} }],
    notifications: { ...config.notifications, delivery: { enabled: false, leaseMs: 60_000 } },
  },
});
const slowPoll = { notifications: { stream: { pollIntervalMs: 10_000, heartbeatMs: 200 } } };
let dir: string;
let a: TestCabinet;
let b: TestCabinet;
let c: TestCabinet;
const streams: SseClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cabinet-notifications-"));
  // SQLite: a file both cores open (an in-memory database is one connection's alone).
  const database = process.env.CABINET_TEST_DB === "mysql" ? {} : { database: { url: `sqlite:${join(dir, "cabinet.sqlite")}` } };
  a = await startTestCabinet(withChannel(channels.a, { ...database, redis, ...slowPoll }));
  const shared: CabinetConfigInput = { database: { url: a.cabinet.config.database.url } };
  b = await startTestCabinet({ seed: false, ...withChannel(channels.b, { ...shared, redis, ...slowPoll }) });
  c = await startTestCabinet({ seed: false, ...withChannel(channels.c, { ...shared, notifications: { stream: { pollIntervalMs: 100 } } }) });
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  // A last: it owns the test database.
  await c.close();
  await b.close();
  await a.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a stream on `core` and waits until it is live (its first unread count has arrived). */
async function open(core: TestCabinet, token: string, options: { lastEventId?: string; query?: string } = {}) {
  const headers: Record<string, string> = options.lastEventId ? { "last-event-id": options.lastEventId } : {};
  const stream = await SseClient.open(`${core.url}/api/v1/notifications/stream?access_token=${token}${options.query ?? ""}`, headers);
  streams.push(stream);
  expect(stream.response.statusCode).toBe(200);
  const deadline = Date.now() + 5000;
  while (!stream.events.some((e) => e.event === "unread")) {
    if (Date.now() > deadline) throw new Error("the stream never said its unread count");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return stream;
}

const activate = (core: TestCabinet, accountId: string) => publish(core, "service.activated", { accountId, serviceId: newId("svc") });

describe("the notification stream", () => {
  it("carries a notification written on core A to a stream open on core B at once, through Redis", async () => {
    const client = await a.signUp();
    const stream = await open(b, client.token);
    expect(stream.response.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(stream.lastUnread()).toBe(0);

    const started = Date.now();
    await activate(a, client.accountId);
    const [received] = await stream.waitForNotifications(1, 3000);
    expect(Date.now() - started).toBeLessThan(3000); // B's own poll would take 10 s
    expect(received).toMatchObject({ event: "service.activated", title: "Service activated", readAt: null });
    expect(received.eventId).toBe(received.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.lastUnread()).toBe(1);
  });

  it("reaches a core without Redis at its next poll", async () => {
    const client = await a.signUp();
    const stream = await open(c, client.token);
    await activate(a, client.accountId);
    expect(await stream.waitForNotifications(1, 3000)).toHaveLength(1);
  });

  it("resumes after Last-Event-ID with nothing missed, oldest first, then goes on live", async () => {
    const client = await a.signUp();
    const first = await open(b, client.token);
    await activate(a, client.accountId);
    const [n1] = await first.waitForNotifications(1);
    first.close();

    for (let i = 0; i < 3; i++) await activate(a, client.accountId);
    const resumed = await open(b, client.token, { lastEventId: n1.id });
    const backlog = resumed.notifications();
    expect(backlog).toHaveLength(3);
    expect(backlog.map((n) => n.id)).toEqual([...backlog.map((n) => n.id)].sort());
    expect(backlog.every((n) => n.id > n1.id)).toBe(true);
    expect(resumed.lastUnread()).toBe(4);

    await activate(a, client.accountId);
    const all = await resumed.waitForNotifications(4);
    expect(new Set(all.map((n) => n.id)).size).toBe(4);

    // `?lastEventId=` does the same for a client that cannot set the header.
    const byQuery = await open(c, client.token, { query: `&lastEventId=${backlog[2].id}` });
    expect(byQuery.notifications().map((n) => n.id)).toEqual([all[3].id]);
    // A fresh stream starts after what there is: the widget lists the older ones itself.
    const fresh = await open(b, client.token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fresh.notifications()).toEqual([]);
  });

  it("never carries one user's notification to another", async () => {
    const owner = await a.signUp();
    const accountant = await addUser(a, owner.accountId, { permissions: ["finance"] });
    const stranger = await a.signUp();
    const ownerStream = await open(b, owner.token);
    const accountantStream = await open(b, accountant.token);
    const strangerStream = await open(c, stranger.token);

    await activate(a, owner.accountId);
    await ownerStream.waitForNotifications(1);
    await publish(a, "invoice.issued", { invoiceId: newId("inv"), accountId: stranger.accountId, purpose: "manual" });
    await strangerStream.waitForNotifications(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(accountantStream.notifications()).toEqual([]);
    expect(ownerStream.notifications()).toHaveLength(1);
    expect(strangerStream.notifications().map((n) => n.event)).toEqual(["invoice.issued"]);
  });

  it("ends when its session does, signed out on another core", async () => {
    const client = await a.signUp();
    const stream = await open(b, client.token);
    expect((await a.request("POST", "/api/v1/auth/sign-out", { token: client.token })).status).toBe(204);
    await Promise.race([stream.ended, new Promise((_, reject) => setTimeout(() => reject(new Error("the stream outlived its session")), 3000))]);
  });

  it("is authenticated by the session cookie or ?access_token, checks Last-Event-ID, keeps alive and answers CORS like the API", async () => {
    const email = `cookie-${Date.now()}@example.org`;
    const signedUp = await b.signUp(email, { name: "Cookie", mode: "cookie" });
    const cookie = signedUp.cookie!;
    const stream = await SseClient.open(`${b.url}/api/v1/notifications/stream`, { cookie, origin: "http://localhost:8080" });
    streams.push(stream);
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers["access-control-allow-origin"]).toBe("http://localhost:8080");
    expect(stream.response.headers["cache-control"]).toBe("no-cache, no-transform");
    await activate(a, signedUp.accountId);
    await stream.waitForNotifications(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stream.comments).toBeGreaterThan(0); // heartbeats every 200 ms here

    expect((await b.request("GET", "/api/v1/notifications/stream")).status).toBe(401);
    expect((await b.request("GET", "/api/v1/notifications/stream?access_token=not-a-live-token-at-all")).status).toBe(401);
    const client = await b.signUp();
    const badResume = await b.request("GET", `/api/v1/notifications/stream?access_token=${client.token}`, { headers: { "last-event-id": "../etc" } });
    expect(badResume.status).toBe(400);
    expect(badResume.body.error.code).toBe("CAB_ERR_VALIDATION");
    expect((await b.request("GET", `/api/v1/notifications/stream?access_token=${client.token}&extra=1`)).status).toBe(400);
    // A token in the URL is for the stream alone: nowhere else.
    expect((await b.request("GET", `/api/v1/notifications?access_token=${client.token}`)).status).toBe(401);
    // Another site's page may open it (a GET), but without CORS headers the browser shows it nothing.
    const foreign = await SseClient.open(`${b.url}/api/v1/notifications/stream?access_token=${client.token}`, { origin: "https://evil.example" });
    foreign.close();
    expect(foreign.response.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("one outbox, several cores", () => {
  const pass = (core: TestCabinet) => core.cabinet.container.resolve(DeliverDueNotifications).execute();
  const drain = async () => {
    for (const core of [a, b, c]) while ((await pass(core)) > 0);
  };
  const deliveriesOf = (id: string) => a.cabinet.container.resolve(NotificationRepository).deliveriesOf(id);
  const clocksForward = (ms: number) => [a, b, c].forEach((core) => core.clock.advance(ms));

  it("workers on two cores claiming at once send each delivery once", async () => {
    await drain();
    const client = await a.signUp();
    for (let i = 0; i < 12; i++) await activate(a, client.accountId);
    const ids = (await listed(a, client.token)).map((n) => n.id);
    expect(ids).toHaveLength(12);
    await Promise.all([pass(a), pass(b), pass(a), pass(b), pass(c)]);
    await drain();
    const calls = [channels.a, channels.b, channels.c].flatMap((ch) => ch.calls).filter((call) => ids.includes(call.notificationId));
    expect(calls.map((call) => call.notificationId).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await deliveriesOf(id)).toMatchObject([{ status: "delivered", attempts: 1 }]);
  });

  it("a core that dies between send and mark: another core sends it again after the lease, under the same delivery id, and a deduping channel delivers it once", async () => {
    await drain();
    for (const ch of Object.values(channels)) ch.dedupe = true;
    const client = await a.signUp();
    await activate(a, client.accountId);
    const [notification] = await listed(a, client.token);
    channels.a.script.push("hang");
    const dying = pass(a);
    await waitFor(async () => channels.a.callsFor(notification.id).length === 1, "core A's send");

    await pass(b);
    expect(channels.b.callsFor(notification.id)).toEqual([]);
    clocksForward(60_000);
    await pass(b);
    const [again] = channels.b.callsFor(notification.id);
    expect(again.deliveryId).toBe(channels.a.callsFor(notification.id)[0].deliveryId);
    expect(again.attempt).toBe(2);
    expect(await deliveriesOf(notification.id)).toMatchObject([{ status: "delivered", attempts: 2 }]);

    channels.a.release();
    await dying;
    expect(await deliveriesOf(notification.id)).toMatchObject([{ status: "delivered", attempts: 2 }]);
    expect(outside.filter((n) => n.notificationId === notification.id)).toHaveLength(1);
    for (const ch of Object.values(channels)) ch.dedupe = false;
  });
});
