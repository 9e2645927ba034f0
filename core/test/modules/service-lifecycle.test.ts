import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TOKENS } from "../../src/kernel/tokens.js";
import type { CabinetEvents, EventBus } from "../../src/kernel/event-bus.js";
import { SuspendService } from "../../src/modules/services/suspend-service.js";
import { ResumeService } from "../../src/modules/services/resume-service.js";
import { CancelService } from "../../src/modules/services/cancel-service.js";
import { ExtendRenewedServices } from "../../src/modules/services/extend-renewed-services.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { post } from "../support/ledger-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";
import { balanceOf, demoProduct, order, statusBecomes } from "../support/service-helpers.js";

const DAY = 86_400_000;
const START = Date.parse("2026-11-01T10:00:00Z");

let t: TestCabinet;
let vps: string;
let shared: string;
const events: { name: string; payload: unknown }[] = [];
beforeAll(async () => {
  t = await startTestCabinet({ config: { auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 }, sessionTtlHours: 24 * 365 } } }); // the clock moves by weeks here
  vps = (await demoProduct(t, "vps")).id;
  shared = (await demoProduct(t, "shared")).id;
  const bus = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus);
  for (const name of [
    "service.suspended",
    "service.resumed",
    "service.cancelled",
    "service.deleted",
    "service.renewed",
    "service.changed",
    "service.renewal_due",
  ] as const) {
    bus.subscribe(name, "test", (payload: CabinetEvents[typeof name]) => void events.push({ name, payload }));
  }
});
beforeEach(() => {
  t.clock.current = START;
});
afterAll(() => t.close());

/** A fresh client with `balance` and one active service ordered now (a 1-month VPS at 1500 unless said). */
async function activeService(balance: number, item: Record<string, unknown> = { productId: vps, periodMonths: 1 }) {
  const client = await t.signUp();
  await post(t, { accountId: client.accountId, amount: balance });
  const ordered = await order(t, client.token, [item]);
  const service = await statusBecomes(t, client.token, ordered.body.services[0].id, "active");
  return { ...client, service, id: service.id as string };
}

const get = (c: { token: string; id: string }) => t.request("GET", `/api/v1/services/${c.id}`, { token: c.token }).then((r) => r.body);
const history = (c: { token: string; id: string }) =>
  t
    .request("GET", `/api/v1/services/${c.id}/history?limit=100`, { token: c.token })
    .then((r) => r.body.items as { action: string; fromStatus: string; toStatus: string; actor: string; details: any }[]);

describe("changing parameters", () => {
  it("previews and applies an upgrade now, charging the prorated difference to the day", async () => {
    const c = await activeService(10_000);
    t.clock.current = START + 10 * DAY; // 20 of 30 days left
    const preview = await t.request("POST", `/api/v1/services/${c.id}/change/preview`, { token: c.token, body: { parameters: { cpu: 4 } } });
    expect(preview.status).toBe(200);
    // +2 cores × 200 = +400 a month; 400 × 20 ÷ 30 = 266.67 → 266
    expect(preview.body).toEqual({
      kind: "upgrade",
      appliesAt: "now",
      amountDue: { amount: 266, currency: "USD" },
      newPricePerPeriod: { amount: 1900, currency: "USD" },
      remainingDays: 20,
      periodDays: 30,
    });
    const before = await balanceOf(t, c.accountId);

    const changed = await t.request("POST", `/api/v1/services/${c.id}/change`, {
      token: c.token,
      body: { parameters: { cpu: 4 } },
      headers: { "idempotency-key": "upgrade-1" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: "active", parameters: { cpu: 4, ram: 4 }, price: { amount: 1900 }, nextParameters: null });
    expect(await balanceOf(t, c.accountId)).toBe(before - 266);
    // The same request again: nothing more to change, nothing charged.
    await t.request("POST", `/api/v1/services/${c.id}/change`, {
      token: c.token,
      body: { parameters: { cpu: 4 } },
      headers: { "idempotency-key": "upgrade-1" },
    });
    expect(await balanceOf(t, c.accountId)).toBe(before - 266);
    expect((await history(c)).at(-1)).toMatchObject({
      action: "change",
      fromStatus: "active",
      toStatus: "active",
      actor: "client",
      details: { kind: "upgrade", amountDue: 266 },
    });
    await expect.poll(() => events).toContainEqual({ name: "service.changed", payload: { accountId: c.accountId, serviceId: c.id } });
  });

  it("invoices an upgrade the balance does not cover, changing nothing until it is paid", async () => {
    const c = await activeService(1500);
    const invoiced = await t.request("POST", `/api/v1/services/${c.id}/change`, { token: c.token, body: { parameters: { ram: 64 } } });
    expect(invoiced.status).toBe(200);
    expect(invoiced.body.invoiceId).toMatch(/^inv_/);
    expect((await get(c)).parameters.ram).toBe(4);
    expect(await balanceOf(t, c.accountId)).toBe(0);
  });

  it("keeps a downgrade for the next renewal when the product says so, and applies it with the renewal at its price", async () => {
    const c = await activeService(10_000);
    const preview = await t.request("POST", `/api/v1/services/${c.id}/change/preview`, { token: c.token, body: { parameters: { cpu: 1 } } });
    expect(preview.body).toMatchObject({ kind: "downgrade", appliesAt: "next_renewal", amountDue: { amount: 0 }, newPricePerPeriod: { amount: 1300 } });
    const scheduled = await t.request("POST", `/api/v1/services/${c.id}/change`, { token: c.token, body: { parameters: { cpu: 1 } } });
    expect(scheduled.body).toMatchObject({ parameters: { cpu: 2 }, nextParameters: { cpu: 1, ram: 4 }, price: { amount: 1500 } });
    const before = await balanceOf(t, c.accountId);

    const renewed = await t.request("POST", `/api/v1/services/${c.id}/renew`, {
      token: c.token,
      headers: { "idempotency-key": randomUUID() },
      body: { periods: 1 },
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({
      paid: "balance",
      invoiceId: null,
      service: { parameters: { cpu: 1 }, nextParameters: null, price: { amount: 1300 }, paidUntil: "2027-01-01T10:00:00.000Z" },
    });
    expect(await balanceOf(t, c.accountId)).toBe(before - 1300);
  });

  it("applies a downgrade now with a prorated credit when the product says so", async () => {
    const c = await activeService(10_000, { productId: shared, periodMonths: 1, parameters: { disk: 20 } }); // 250 + 20 × 20 = 650
    t.clock.current = START + 15 * DAY;
    const changed = await t.request("POST", `/api/v1/services/${c.id}/change`, { token: c.token, body: { parameters: { disk: 5 } } });
    expect(changed.body).toMatchObject({ parameters: { disk: 5 }, price: { amount: 350 } });
    // −300 a month × 15 ÷ 30 = −150, credited.
    expect(await balanceOf(t, c.accountId)).toBe(10_000 - 650 + 150);
    const credit = await t.cabinet.db("ledger_entries").where({ account_id: c.accountId, kind: "credit" }).first();
    expect(Number(credit.amount)).toBe(150);
  });

  it("refuses a parameter out of range naming it, and a change of a service that is not active with 409 and its status", async () => {
    const c = await activeService(10_000);
    const bad = await t.request("POST", `/api/v1/services/${c.id}/change/preview`, { token: c.token, body: { parameters: { disk: 3000 } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.parameter).toBe("disk");
    await t.cabinet.container.resolve(SuspendService).execute({ accountId: c.accountId, serviceId: c.id, reason: "staff", actor: "staff" });
    const illegal = await t.request("POST", `/api/v1/services/${c.id}/change`, { token: c.token, body: { parameters: { cpu: 4 } } });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: "CAB_ERR_ILLEGAL_TRANSITION", details: { status: "suspended" } });
    expect((await get(c)).actions.change).toEqual({ allowed: false, reason: "status:suspended" });
  });
});

describe("renewing", () => {
  it("renews from the balance for several periods, once per period", async () => {
    const c = await activeService(10_000);
    const renewed = await t.request("POST", `/api/v1/services/${c.id}/renew`, {
      token: c.token,
      headers: { "idempotency-key": randomUUID() },
      body: { periods: 3 },
    });
    expect(renewed.body).toMatchObject({ paid: "balance", service: { paidUntil: "2027-03-01T10:00:00.000Z" } });
    expect(await balanceOf(t, c.accountId)).toBe(10_000 - 1500 * 4);
    const rows = await t.cabinet.db("service_renewals").where({ service_id: c.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ periods: 3, source: "client", invoice_id: null });
    expect(Number(rows[0].period_start)).toBe(Date.parse("2026-12-01T10:00:00Z"));
    await expect
      .poll(() => events)
      .toContainEqual({
        name: "service.renewed",
        payload: { accountId: c.accountId, serviceId: c.id, paidUntil: Date.parse("2027-03-01T10:00:00Z"), periods: 3, source: "client" },
      });
    for (const periods of [0, -1, 37])
      expect(
        (await t.request("POST", `/api/v1/services/${c.id}/renew`, { token: c.token, headers: { "idempotency-key": randomUUID() }, body: { periods } })).status,
      ).toBe(400);
  });

  it("issues a renewal invoice when the balance is short, reuses it when asked again, and extends the service once it is paid", async () => {
    const c = await activeService(1500);
    const first = await t.request("POST", `/api/v1/services/${c.id}/renew`, {
      token: c.token,
      headers: { "idempotency-key": randomUUID() },
      body: { periods: 2 },
    });
    expect(first.body).toMatchObject({ paid: "invoice", service: { paidUntil: "2026-12-01T10:00:00.000Z" } });
    const again = await t.request("POST", `/api/v1/services/${c.id}/renew`, {
      token: c.token,
      headers: { "idempotency-key": randomUUID() },
      body: { periods: 2 },
    });
    expect(again.body.invoiceId).toBe(first.body.invoiceId);
    const invoice = (await t.request("GET", `/api/v1/invoices/${first.body.invoiceId}`, { token: c.token })).body;
    expect(invoice).toMatchObject({ purpose: "renewal", total: { amount: 3000 } });
    expect(await balanceOf(t, c.accountId)).toBe(0);

    await post(t, { accountId: c.accountId, amount: 3000 });
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: c.token })).status).toBe(200);
    expect((await get(c)).paidUntil).toBe("2027-02-01T10:00:00.000Z");
    // A replayed invoice.paid extends nothing more.
    expect(await t.cabinet.container.resolve(ExtendRenewedServices).execute(c.accountId, invoice.id)).toEqual([]);
    expect((await get(c)).paidUntil).toBe("2027-02-01T10:00:00.000Z");
    expect(await balanceOf(t, c.accountId)).toBe(0);
    expect((await history(c)).map((h) => h.action)).toEqual(["order", "provisioned", "renewal_invoiced", "renew"]);
  });

  it("renews again after staff voided the renewal invoice: a new invoice, not the void one", async () => {
    const c = await activeService(1500);
    const first = await t.request("POST", `/api/v1/services/${c.id}/renew`, {
      token: c.token,
      headers: { "idempotency-key": randomUUID() },
      body: { periods: 1 },
    });
    const finance = await signInStaff(t, "finance");
    expect((await t.request("POST", `/api/v1/staff/invoices/${first.body.invoiceId}/void`, { token: finance.token })).status).toBe(200);
    const second = await t.request("POST", `/api/v1/services/${c.id}/renew`, {
      token: c.token,
      headers: { "idempotency-key": randomUUID() },
      body: { periods: 1 },
    });
    expect(second.body.paid).toBe("invoice");
    expect(second.body.invoiceId).not.toBe(first.body.invoiceId);
  });

  it("refunds a renewal invoice paid after the service was cancelled: no money for no service", async () => {
    const c = await activeService(1500);
    const renewal = await t.request("POST", `/api/v1/services/${c.id}/renew`, {
      token: c.token,
      headers: { "idempotency-key": randomUUID() },
      body: { periods: 1 },
    });
    await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "now" } });
    // Cancelling now gave back the unused days of the current period (the VPS's prorated rule); the renewal is apart.
    const afterCancel = await balanceOf(t, c.accountId);
    await post(t, { accountId: c.accountId, amount: 1500 });
    expect((await t.request("POST", `/api/v1/invoices/${renewal.body.invoiceId}/pay-from-balance`, { token: c.token })).status).toBe(200);
    expect(await balanceOf(t, c.accountId)).toBe(afterCancel + 1500);
    expect(await t.cabinet.container.resolve(ExtendRenewedServices).execute(c.accountId, renewal.body.invoiceId)).toEqual([]);
    expect(await balanceOf(t, c.accountId)).toBe(afterCancel + 1500);
    expect((await get(c)).status).toBe("cancelled");
  });

  it("resumes a service suspended for non-payment once a renewal pays it past now", async () => {
    const c = await activeService(10_000);
    t.clock.current = START + 40 * DAY; // paid until day 30: overdue
    await t.cabinet.container.resolve(SuspendService).execute({ accountId: c.accountId, serviceId: c.id, reason: "unpaid", actor: "system" });
    expect((await get(c)).statusReason).toBe("unpaid");
    const renewed = await t.request("POST", `/api/v1/services/${c.id}/renew`, {
      token: c.token,
      headers: { "idempotency-key": randomUUID() },
      body: { periods: 1 },
    });
    expect(renewed.body.service).toMatchObject({ status: "active", statusReason: null, paidUntil: "2027-01-01T10:00:00.000Z" });
    expect((await history(c)).slice(-3).map((h) => [h.action, h.actor])).toEqual([
      ["suspend", "system"],
      ["renew", "client"],
      ["resume", "client"],
    ]);
  });
});

describe("cancelling and deleting", () => {
  it("cancels at the period's end (auto-renew off, renew refused), then now, then deletes", async () => {
    const c = await activeService(10_000, { productId: vps, periodMonths: 1, autoRenew: true });
    const scheduled = await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "period_end" } });
    expect(scheduled.body).toMatchObject({ status: "active", cancelAtPeriodEnd: true, autoRenew: false });
    expect(scheduled.body.actions.renew).toEqual({ allowed: false, reason: "cancel_at_period_end" });
    expect(
      (await t.request("POST", `/api/v1/services/${c.id}/renew`, { token: c.token, headers: { "idempotency-key": randomUUID() }, body: { periods: 1 } }))
        .status,
    ).toBe(409);

    const early = await t.request("DELETE", `/api/v1/services/${c.id}`, { token: c.token });
    expect(early.status).toBe(409);
    expect(early.body.error.details.status).toBe("active");

    // At the period's end the billing run cancels it, as the system.
    t.clock.current = START + 31 * DAY;
    await t.cabinet.container.resolve(CancelService).execute({ accountId: c.accountId, serviceId: c.id, when: "now", actor: "system" });
    const cancelled = await get(c);
    expect(cancelled).toMatchObject({ status: "cancelled", cancelAtPeriodEnd: false });
    expect(cancelled.actions.delete).toEqual({ allowed: true, reason: null });
    expect((await t.request("PATCH", `/api/v1/services/${c.id}`, { token: c.token, body: { autoRenew: true } })).status).toBe(409);

    expect((await t.request("DELETE", `/api/v1/services/${c.id}`, { token: c.token })).status).toBe(204);
    expect((await get(c)).status).toBe("deleted");
    expect((await t.request("GET", "/api/v1/services", { token: c.token })).body.items).toEqual([]);
    expect((await t.request("DELETE", `/api/v1/services/${c.id}`, { token: c.token })).status).toBe(409);
    expect((await history(c)).map((h) => [h.action, h.toStatus, h.actor])).toEqual([
      ["order", "provisioning", "client"],
      ["provisioned", "active", "system"],
      ["cancel_at_period_end", "active", "client"],
      ["cancel", "cancelled", "system"],
      ["delete", "deleted", "client"],
    ]);
    await expect
      .poll(() => events.filter((e) => (e.payload as { serviceId: string }).serviceId === c.id).map((e) => e.name))
      .toEqual(["service.cancelled", "service.cancelled", "service.deleted"]);
  });

  it("cancels now from active; a second cancel is 409 with the status", async () => {
    const c = await activeService(10_000);
    expect((await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "now" } })).body.status).toBe("cancelled");
    const again = await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "now" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "CAB_ERR_ILLEGAL_TRANSITION", details: { status: "cancelled" } });
    expect((await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "later" } })).status).toBe(400);
  });
});

describe("suspending and resuming (the billing run, staff)", () => {
  it("moves only along the state machine, records each step and publishes it", async () => {
    const c = await activeService(10_000);
    const suspend = t.cabinet.container.resolve(SuspendService);
    const resume = t.cabinet.container.resolve(ResumeService);
    await suspend.execute({ accountId: c.accountId, serviceId: c.id, reason: "staff", actor: "staff" });
    await expect(suspend.execute({ accountId: c.accountId, serviceId: c.id, reason: "staff", actor: "staff" })).rejects.toMatchObject({
      code: "CAB_ERR_ILLEGAL_TRANSITION",
      details: { status: "suspended" },
    });
    await resume.execute({ accountId: c.accountId, serviceId: c.id, actor: "staff" });
    await expect(resume.execute({ accountId: c.accountId, serviceId: c.id, actor: "staff" })).rejects.toMatchObject({ details: { status: "active" } });
    expect((await history(c)).slice(-2).map((h) => [h.fromStatus, h.toStatus, h.actor])).toEqual([
      ["active", "suspended", "staff"],
      ["suspended", "active", "staff"],
    ]);
    await expect.poll(() => events).toContainEqual({ name: "service.suspended", payload: { accountId: c.accountId, serviceId: c.id, reason: "staff" } });
    await expect.poll(() => events).toContainEqual({ name: "service.resumed", payload: { accountId: c.accountId, serviceId: c.id } });
  });
});

describe("labels, auto-renew, filters and other accounts", () => {
  it("renames and toggles auto-renew; lists filter by status, type and text", async () => {
    const c = await activeService(20_000);
    const patched = await t.request("PATCH", `/api/v1/services/${c.id}`, { token: c.token, body: { label: "Mail 50% off_", autoRenew: true } });
    expect(patched.body).toMatchObject({ label: "Mail 50% off_", autoRenew: true });
    expect((await history(c)).at(-1)).toMatchObject({ action: "auto_renew", details: { autoRenew: true } });
    await order(t, c.token, [{ productId: shared, periodMonths: 1, label: "blog" }]);

    const list = (query: string) =>
      t.request("GET", `/api/v1/services?${query}`, { token: c.token }).then((r) => r.body.items.map((s: { label: string }) => s.label));
    expect(await list("type=vps")).toEqual(["Mail 50% off_"]);
    expect(await list("type=shared_hosting")).toEqual(["blog"]);
    expect(await list("q=50%25")).toEqual(["Mail 50% off_"]);
    expect(await list("q=_")).toEqual(["Mail 50% off_"]); // a LIKE wildcard is matched as itself
    expect(await list("q=shared%20host")).toEqual(["blog"]); // the product's name
    expect(await list("q=nothing")).toEqual([]);
  });

  it("answers another account's service with 404 everywhere", async () => {
    const c = await activeService(10_000);
    const other = await t.signUp();
    const calls: [string, string, unknown?][] = [
      ["GET", `/api/v1/services/${c.id}`],
      ["GET", `/api/v1/services/${c.id}/history`],
      ["PATCH", `/api/v1/services/${c.id}`, { label: "mine" }],
      ["POST", `/api/v1/services/${c.id}/change/preview`, { parameters: { cpu: 4 } }],
      ["POST", `/api/v1/services/${c.id}/change`, { parameters: { cpu: 4 } }],
      ["POST", `/api/v1/services/${c.id}/renew`, { periods: 1 }],
      ["POST", `/api/v1/services/${c.id}/cancel`, { when: "now" }],
      ["DELETE", `/api/v1/services/${c.id}`],
    ];
    for (const [method, path, body] of calls) {
      const response = await t.request(method, path, { token: other.token, body, headers: { "idempotency-key": randomUUID() } });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(await get(c)).toMatchObject({ status: "active", label: null });
  });
});
