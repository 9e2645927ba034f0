import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type Database, type PluginDefinition } from "../../src/index.js";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { DeliverDueNotifications } from "../../src/modules/notifications/deliver-due-notifications.js";
import { NotificationRepository } from "../../src/modules/notifications/notification.repository.js";
import { issueInvoice, waitFor } from "../support/document-helpers.js";
import { addUser, listed, publish, ScriptedChannel, scriptedChannelPlugin } from "../support/notification-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

const channel = new ScriptedChannel();
const delivery = { enabled: false, maxAttempts: 3, backoffMs: 1000, backoffMaxMs: 3000, leaseMs: 60_000 };
let t: TestCabinet;
beforeAll(async () => {
  // The worker is off: each test runs the outbox's passes itself, and moves the clock between them.
  t = await startTestCabinet({
    plugins: [scriptedChannelPlugin(channel) as unknown as PluginDefinition],
    config: { plugins: [{ name: "notify-scripted", options: {} }], notifications: { delivery } },
  });
});
afterAll(() => t.close());

const pass = () => t.cabinet.container.resolve(DeliverDueNotifications).execute();
const deliveriesOf = (notificationId: string) => t.cabinet.container.resolve(NotificationRepository).deliveriesOf(notificationId);
const svc = () => newId("svc");

describe("who is notified", () => {
  let owner: Awaited<ReturnType<TestCabinet["signUp"]>>;
  let accountant: Awaited<ReturnType<typeof addUser>>;
  let sysadmin: Awaited<ReturnType<typeof addUser>>;
  let supporter: Awaited<ReturnType<typeof addUser>>;
  let reader: Awaited<ReturnType<typeof addUser>>;
  beforeAll(async () => {
    owner = await t.signUp();
    accountant = await addUser(t, owner.accountId, { permissions: ["finance"] });
    sysadmin = await addUser(t, owner.accountId, { permissions: ["services"], locale: "ru" });
    supporter = await addUser(t, owner.accountId, { permissions: ["support"] });
    reader = await addUser(t, owner.accountId, { permissions: ["documents"] });
  });
  const events = async (token: string) => (await listed(t, token)).map((n) => n.event);

  it("finance events reach the owner and the accountant; service events the owner and the sysadmin; a staff reply the owner and support", async () => {
    // Its notifications are written in the invoice's own transaction: there when it returns.
    const invoice = await issueInvoice(t, owner.accountId, [1500]);
    const serviceId = svc();
    await publish(t, "service.activated", { accountId: owner.accountId, serviceId });
    await publish(t, "ticket.replied", {
      brandId: "brd_x",
      accountId: owner.accountId,
      ticketId: "tkt_01abcdefghjk",
      messageId: "tmsg_01abcdefghjk",
      author: "staff",
    });
    // A client's own message notifies nobody.
    await publish(t, "ticket.replied", {
      brandId: "brd_x",
      accountId: owner.accountId,
      ticketId: "tkt_01abcdefghjk",
      messageId: "tmsg_01abcdefghjm",
      author: "client",
    });

    expect(await events(owner.token)).toEqual(expect.arrayContaining(["invoice.issued", "service.activated", "ticket.replied"]));
    expect((await events(owner.token)).filter((e) => e === "ticket.replied")).toHaveLength(1);
    expect(await events(accountant.token)).toContain("invoice.issued");
    expect(await events(accountant.token)).not.toContain("service.activated");
    expect(await events(accountant.token)).not.toContain("ticket.replied");
    expect(await events(sysadmin.token)).toEqual(["service.activated"]);
    expect(await events(supporter.token)).toEqual(["ticket.replied"]);
    expect(await events(reader.token)).not.toContain("invoice.issued");

    const [issued] = (await listed(t, owner.token)).filter((n) => n.event === "invoice.issued");
    expect(issued).toMatchObject({ title: "Invoice issued", link: `/invoices/${invoice.id}`, reference: { type: "invoice", id: invoice.id }, readAt: null });
    const [activated] = await listed(t, sysadmin.token);
    expect(activated).toMatchObject({ title: "Услуга запущена", link: `/services/${serviceId}`, reference: { type: "service", id: serviceId } });
  });

  it("an event published inside a transaction commits its notifications and their outbox rows with the change, or rolls back with it", async () => {
    const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
    const issue = (trx: Database) =>
      t.cabinet.container
        .resolve(IssueInvoice)
        .execute(trx, {
          brand,
          accountId: owner.accountId,
          currency: "USD",
          purpose: "manual",
          lines: [{ description: "Setup", quantity: 1, unitAmount: 700, serviceId: null }],
        });
    let rolledBack: string | undefined;
    await expect(
      inTransaction(
        t.cabinet.db,
        async (trx) => {
          rolledBack = (await issue(trx)).id;
          throw new Error("the order failed after its invoice");
        },
        1,
      ),
    ).rejects.toThrow("the order failed");
    expect(await t.cabinet.db("notifications").where({ reference_id: rolledBack! })).toEqual([]);

    const kept = await inTransaction(t.cabinet.db, async (trx) => {
      const invoice = await issue(trx);
      // Inside the transaction the rows are there already, outbox included.
      const rows = await trx("notifications").where({ reference_id: invoice.id });
      expect(rows.map((r: { user_id: string }) => r.user_id).sort()).toEqual([owner.userId, accountant.userId].sort());
      expect(
        await trx("notification_deliveries").whereIn(
          "notification_id",
          rows.map((r: { id: string }) => r.id),
        ),
      ).toHaveLength(2);
      return invoice;
    });
    expect(await t.cabinet.db("notifications").where({ reference_id: kept.id })).toHaveLength(2);
  });

  it("a ready document reaches those who may read documents", async () => {
    const documentId = newId("doc");
    await publish(t, "document.ready", { documentId, accountId: owner.accountId, brandId: "brd_x", kind: "act" });
    for (const user of [owner, accountant, reader]) expect((await listed(t, user.token)).find((n) => n.reference?.id === documentId)).toBeTruthy();
    for (const user of [sysadmin, supporter]) expect((await listed(t, user.token)).find((n) => n.reference?.id === documentId)).toBeUndefined();
  });

  it("the same event handled twice raises one notification per user", async () => {
    const paymentId = newId("pay");
    const event = { paymentId, accountId: owner.accountId, amount: 2500, currency: "USD" };
    await publish(t, "payment.succeeded", event);
    await publish(t, "payment.succeeded", event);
    const received = (await listed(t, accountant.token)).filter((n) => n.reference?.id === paymentId);
    expect(received).toHaveLength(1);
    expect(received[0].body).toContain("$25.00");
  });

  it("another account's users hear nothing of it", async () => {
    const stranger = await t.signUp();
    await publish(t, "service.suspended", { accountId: owner.accountId, serviceId: svc(), reason: "unpaid" });
    expect(await listed(t, stranger.token)).toEqual([]);
  });

  it("a sign-in from a new device is told to that user alone; the first device and a known one are not", async () => {
    const colleague = await addUser(t, owner.accountId, { permissions: ["services"], userAgent: "Laptop/1.0" });
    const signIn = (userAgent: string) =>
      t.request("POST", "/api/v1/auth/sign-in", {
        body: { email: colleague.email, password: "member password", mode: "bearer" },
        headers: { "user-agent": userAgent },
      });
    expect((await signIn("Laptop/1.0")).status).toBe(200);
    expect((await listed(t, colleague.token)).filter((n) => n.event === "user.signed_in")).toEqual([]);

    expect((await signIn("Phone/2.0")).status).toBe(200);
    const alerts = (await listed(t, colleague.token)).filter((n) => n.event === "user.signed_in");
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain("Phone/2.0");
    expect(alerts[0].link).toBeNull();
    expect((await listed(t, owner.token)).filter((n) => n.event === "user.signed_in")).toEqual([]);

    expect((await signIn("Phone/2.0")).status).toBe(200);
    expect((await listed(t, colleague.token)).filter((n) => n.event === "user.signed_in")).toHaveLength(1);
  });
});

describe("the in-app centre", () => {
  it("lists, pages, counts and marks read only the caller's own notifications", async () => {
    const alice = await t.signUp();
    const bob = await t.signUp();
    for (let i = 0; i < 3; i++) await publish(t, "service.activated", { accountId: alice.accountId, serviceId: svc() });
    await publish(t, "service.activated", { accountId: bob.accountId, serviceId: svc() });

    const first = await t.request("GET", "/api/v1/notifications?limit=2", { token: alice.token });
    expect(first.body.items).toHaveLength(2);
    const second = await t.request("GET", `/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`, { token: alice.token });
    expect(second.body).toMatchObject({ nextCursor: null });
    const all = [...first.body.items, ...second.body.items];
    expect(all.map((n) => n.id)).toEqual([...all.map((n) => n.id)].sort().reverse());
    expect((await t.request("GET", "/api/v1/notifications/unread-count", { token: alice.token })).body).toEqual({ count: 3 });

    const [bobs] = await listed(t, bob.token);
    expect((await t.request("POST", `/api/v1/notifications/${bobs.id}/read`, { token: alice.token })).status).toBe(404);
    expect((await t.request("POST", `/api/v1/notifications/${newId("ntf")}/read`, { token: alice.token })).status).toBe(404);
    expect((await t.request("POST", `/api/v1/notifications/not-an-id/read`, { token: alice.token })).status).toBe(400);
    expect((await listed(t, bob.token))[0].readAt).toBeNull();

    expect((await t.request("POST", `/api/v1/notifications/${all[0].id}/read`, { token: alice.token })).status).toBe(204);
    expect((await t.request("POST", `/api/v1/notifications/${all[0].id}/read`, { token: alice.token })).status).toBe(204);
    expect((await t.request("GET", "/api/v1/notifications/unread-count", { token: alice.token })).body).toEqual({ count: 2 });
    expect((await listed(t, alice.token, "?unread=true")).map((n) => n.id)).toEqual([all[1].id, all[2].id]);
    expect((await listed(t, alice.token))[0].readAt).toMatch(/Z$/);

    expect((await t.request("POST", "/api/v1/notifications/read-all", { token: alice.token })).status).toBe(204);
    expect((await t.request("GET", "/api/v1/notifications/unread-count", { token: alice.token })).body).toEqual({ count: 0 });
    expect((await t.request("GET", "/api/v1/notifications/unread-count", { token: bob.token })).body).toEqual({ count: 1 });
    expect((await t.request("GET", "/api/v1/notifications")).status).toBe(401);
  });
});

describe("preferences", () => {
  it("lists the channels and, per event the user may receive, sensible defaults", async () => {
    const owner = await t.signUp();
    const accountant = await addUser(t, owner.accountId, { permissions: ["finance"], locale: "ru" });
    const mine = await t.request("GET", "/api/v1/notifications/preferences", { token: owner.token });
    expect(mine.status).toBe(200);
    expect(mine.body.channels).toEqual([
      { id: "in-app", name: "In-app", available: true },
      { id: "scripted", name: "scripted", available: true },
    ]);
    const byEvent = Object.fromEntries(mine.body.events.map((e: any) => [e.event, e]));
    expect(byEvent["invoice.issued"]).toEqual({
      event: "invoice.issued",
      label: "Invoice issued",
      group: "finance",
      channels: { "in-app": true, scripted: true },
    });
    expect(byEvent["document.ready"].channels).toEqual({ "in-app": true, scripted: false });
    expect(byEvent["user.signed_in"].group).toBe("security");
    expect(Object.keys(byEvent)).toContain("service.activated");

    const theirs = await t.request("GET", "/api/v1/notifications/preferences", { token: accountant.token });
    const events = theirs.body.events.map((e: any) => e.event);
    expect(events).toContain("invoice.issued");
    expect(events).not.toContain("service.activated");
    expect(theirs.body.events.find((e: any) => e.event === "invoice.issued").label).toBe("Выставлен счёт");
  });

  it("are respected: in-app off hides it from the centre, a channel off writes no delivery, and bad choices save nothing", async () => {
    const owner = await t.signUp();
    const put = (events: unknown) => t.request("PUT", "/api/v1/notifications/preferences", { token: owner.token, body: { events } });
    const saved = await put({ "invoice.issued": { "in-app": false }, "service.activated": { scripted: false }, "document.ready": { scripted: true } });
    expect(saved.status).toBe(200);
    const byEvent = Object.fromEntries(saved.body.events.map((e: any) => [e.event, e.channels]));
    expect(byEvent).toMatchObject({
      "invoice.issued": { "in-app": false, scripted: true },
      "service.activated": { "in-app": true, scripted: false },
      "document.ready": { scripted: true },
    });

    const invoice = await issueInvoice(t, owner.accountId, [900]);
    const hiddenRows = () => t.cabinet.db("notifications").where({ user_id: owner.userId, event: "invoice.issued" });
    const serviceId = svc();
    await publish(t, "service.activated", { accountId: owner.accountId, serviceId });
    const centre = await listed(t, owner.token);
    expect(centre.find((n) => n.event === "invoice.issued")).toBeUndefined();
    const activated = centre.find((n) => n.reference?.id === serviceId);
    expect(await deliveriesOf(activated.id)).toEqual([]);

    const repository = t.cabinet.container.resolve(NotificationRepository);
    const [hidden] = await hiddenRows();
    expect(hidden).toMatchObject({ reference_id: invoice.id });
    expect((await repository.deliveriesOf(hidden.id)).map((d) => d.channel)).toEqual(["scripted"]);

    // Everything off: no notification at all.
    await put({ "service.suspended": { "in-app": false, scripted: false } });
    await publish(t, "service.suspended", { accountId: owner.accountId, serviceId, reason: "staff" });
    expect(await t.cabinet.db("notifications").where({ user_id: owner.userId, event: "service.suspended" })).toEqual([]);

    for (const bad of [{ "invoice.issued": { telegram: true } }, { "nothing.happened": { "in-app": true } }, { "invoice.issued": { "in-app": "yes" } }]) {
      const refused = await put({ "service.activated": { "in-app": false }, ...bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.error.code).toBe("CAB_ERR_VALIDATION");
    }
    const after = await t.request("GET", "/api/v1/notifications/preferences", { token: owner.token });
    expect(after.body.events.find((e: any) => e.event === "service.activated").channels["in-app"]).toBe(true);

    const accountant = await addUser(t, owner.accountId, { permissions: ["finance"] });
    const notTheirs = await t.request("PUT", "/api/v1/notifications/preferences", {
      token: accountant.token,
      body: { events: { "service.activated": { "in-app": false } } },
    });
    expect(notTheirs.status).toBe(400);
  });
});

describe("the outbox", () => {
  let owner: Awaited<ReturnType<TestCabinet["signUp"]>>;
  beforeAll(async () => {
    owner = await t.signUp();
  });
  /** Raises one important notification for the owner, and answers it. */
  async function raise() {
    const serviceId = svc();
    await publish(t, "service.activated", { accountId: owner.accountId, serviceId });
    return (await listed(t, owner.token)).find((n) => n.reference?.id === serviceId);
  }
  /** Runs passes until none finds work (deliveries of earlier tests settle as well). */
  async function drain() {
    while ((await pass()) > 0);
  }

  it("delivers once, with the notification's text, its reference and the delivery id as the idempotency handle", async () => {
    await drain();
    const notification = await raise();
    const [pending] = await deliveriesOf(notification.id);
    expect(pending).toMatchObject({ channel: "scripted", status: "pending", attempts: 0 });
    expect(channel.callsFor(notification.id)).toEqual([]);

    await drain();
    const [call] = channel.callsFor(notification.id);
    expect(call).toMatchObject({
      notificationId: notification.id,
      deliveryId: pending.id,
      attempt: 1,
      event: "service.activated",
      recipient: { userId: owner.userId, email: owner.email, locale: "en" },
      title: "Service activated",
      link: notification.link,
      reference: notification.reference,
    });
    expect(await deliveriesOf(notification.id)).toMatchObject([{ status: "delivered", attempts: 1, externalId: `ext-${pending.id}`, lastError: null }]);
    await drain();
    expect(channel.callsFor(notification.id)).toHaveLength(1);
  });

  it("retries a retryable failure with back-off, and gives up after the last attempt", async () => {
    await drain();
    const notification = await raise();
    channel.script.push({ status: "failed", reason: "smtp down", retryable: true }, "throw", { status: "failed", reason: "still down", retryable: true });
    await drain();
    let [row] = await deliveriesOf(notification.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "smtp down", nextAttemptAt: t.clock.now() + 1000 });

    t.clock.advance(999);
    await drain();
    expect(channel.callsFor(notification.id)).toHaveLength(1);
    t.clock.advance(1);
    await drain();
    [row] = await deliveriesOf(notification.id);
    expect(row).toMatchObject({ status: "pending", attempts: 2, nextAttemptAt: t.clock.now() + 2000 });
    expect(row.lastError).toContain("the channel fell over");

    t.clock.advance(2000);
    await drain();
    [row] = await deliveriesOf(notification.id);
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: "still down" });
    t.clock.advance(60_000);
    await drain();
    expect(channel.callsFor(notification.id).map((c) => c.attempt)).toEqual([1, 2, 3]);
    // The in-app side never waited for the channel.
    expect((await listed(t, owner.token)).find((n) => n.id === notification.id)).toBeTruthy();
  });

  it("gives up at once on a failure the channel calls final", async () => {
    await drain();
    const notification = await raise();
    channel.script.push({ status: "failed", reason: "no such address", retryable: false });
    await drain();
    expect(await deliveriesOf(notification.id)).toMatchObject([{ status: "failed", attempts: 1, lastError: "no such address" }]);
  });

  for (const dedupe of [true, false]) {
    it(`a worker that dies between send and mark: its lease runs out, the delivery is sent again with the same id — ${dedupe ? "once in all by a channel that dedupes" : "at least once by one that does not"}`, async () => {
      await drain();
      channel.dedupe = dedupe;
      const notification = await raise();
      channel.script.push("hang");
      // The first worker sends, and never gets to record it (it "died").
      const dying = pass();
      await waitFor(async () => channel.callsFor(notification.id).length === 1, "the first send");
      expect(await deliveriesOf(notification.id)).toMatchObject([{ status: "pending", attempts: 1 }]);

      // Restarted, before the lease ends: nothing to do; after it: sent again under the same delivery id.
      t.clock.advance(delivery.leaseMs - 1);
      await pass();
      expect(channel.callsFor(notification.id)).toHaveLength(1);
      t.clock.advance(1);
      await pass();
      const calls = channel.callsFor(notification.id);
      expect(calls).toHaveLength(2);
      expect(calls[1].deliveryId).toBe(calls[0].deliveryId);
      expect(await deliveriesOf(notification.id)).toMatchObject([{ status: "delivered", attempts: 2 }]);

      // The dead worker's late answer changes nothing: its claim is no longer the delivery's.
      channel.release();
      await dying;
      expect(await deliveriesOf(notification.id)).toMatchObject([{ status: "delivered", attempts: 2 }]);
      expect(channel.sent.filter((s) => s.notificationId === notification.id)).toHaveLength(dedupe ? 1 : 2);
      await drain();
      expect(channel.callsFor(notification.id)).toHaveLength(2);
      channel.dedupe = false;
    });
  }

  it("a request that raises an event succeeds while the channel is down; the notification waits and goes out later", async () => {
    await drain();
    const colleague = await addUser(t, owner.accountId, { userAgent: "Desk/1" });
    channel.script.push({ status: "failed", reason: "down", retryable: true });
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", {
      body: { email: colleague.email, password: "member password", mode: "bearer" },
      headers: { "user-agent": "Other/2" },
    });
    expect(signIn.status).toBe(200);
    const [alert] = (await listed(t, colleague.token)).filter((n) => n.event === "user.signed_in");
    await drain();
    expect(await deliveriesOf(alert.id)).toMatchObject([{ status: "pending", attempts: 1, lastError: "down" }]);
    t.clock.advance(1000);
    await drain();
    expect(await deliveriesOf(alert.id)).toMatchObject([{ status: "delivered", attempts: 2 }]);
  });
});

describe("the worker started with the core", () => {
  it("delivers without being asked, and stops with the core", async () => {
    const own = new ScriptedChannel("live");
    const core = await startTestCabinet({
      plugins: [scriptedChannelPlugin(own) as unknown as PluginDefinition],
      config: { plugins: [{ name: "notify-live", options: {} }], notifications: { delivery: { pollIntervalMs: 50 } } },
    });
    try {
      const client = await core.signUp();
      await publish(core, "invoice.issued", { invoiceId: newId("inv"), accountId: client.accountId, purpose: "manual" });
      const call = await waitFor(async () => own.calls.find((c) => c.recipient.userId === client.userId), "the worker's delivery", 5000);
      expect(call).toMatchObject({ event: "invoice.issued", attempt: 1 });
    } finally {
      await core.close();
    }
    // A core of its own, migrated inside the test: on MariaDB on a busy machine that alone takes
    // most of the default 20 s, so it gets the set-up hooks' allowance.
  }, 60_000);
});
