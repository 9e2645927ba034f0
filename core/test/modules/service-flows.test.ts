// Issue 13's dead ends: what a client meets on the services page, each on amounts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { TOKENS } from "../../src/kernel/tokens.js";
import type { EventBus } from "../../src/kernel/event-bus.js";
import { SettleInvoice } from "../../src/modules/invoices/settle-invoice.js";
import { StartPaidServices } from "../../src/modules/services/start-paid-services.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { addServices, DAY } from "../support/billing-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, balanceOf, demoProduct, order, statusBecomes } from "../support/service-helpers.js";

const START = Date.parse("2026-11-01T10:00:00Z");
let t: TestCabinet;
let vps: string;
beforeAll(async () => {
  t = await startTestCabinet({ config: { auth: { argon2: { memoryCostKiB: 1024, timeCost: 1 }, sessionTtlHours: 24 * 365 } } });
  vps = (await demoProduct(t, "vps")).id;
});
beforeEach(() => {
  t.clock.current = START;
});
afterAll(() => t.close());

const ledger = (accountId: string) => t.cabinet.db("ledger_entries").where({ account_id: accountId }).orderBy("id");
const history = (token: string, id: string) =>
  t
    .request("GET", `/api/v1/services/${id}/history?limit=100`, { token })
    .then((r) => r.body.items as { action: string; actor: string; toStatus: string; details: any }[]);

describe("PATCH /services/{id}", () => {
  it("answers the service as GET does, label included (one serializer)", async () => {
    const c = await t.signUp();
    const [id] = await addServices(t, c.accountId, [{ label: "web-01", paidUntil: t.clock.now() + 10 * DAY }]);
    const patched = await t.request("PATCH", `/api/v1/services/${id}`, { token: c.token, body: { autoRenew: false } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ label: "web-01", autoRenew: false });
    expect(patched.body).toEqual((await t.request("GET", `/api/v1/services/${id}`, { token: c.token })).body);
    const renamed = await t.request("PATCH", `/api/v1/services/${id}`, { token: c.token, body: { label: "web-02" } });
    expect(renamed.body).toEqual((await t.request("GET", `/api/v1/services/${id}`, { token: c.token })).body);
    expect(renamed.body.label).toBe("web-02");
  });
});

describe("an unpaid first order", () => {
  async function unpaidOrder() {
    const c = await t.signUp();
    await post(t, { accountId: c.accountId, amount: 700 }); // less than the order: it waits for its invoice
    const ordered = await order(t, c.token, [
      { productId: vps, periodMonths: 1, label: "first" },
      { productId: vps, periodMonths: 1, label: "second" },
    ]);
    expect(ordered.body.status).toBe("awaiting_payment");
    return { ...c, invoiceId: ordered.body.invoiceId as string, ids: ordered.body.services.map((s: { id: string }) => s.id) as string[] };
  }

  it("shows its invoice, and is withdrawn whole: the invoice voided, nothing charged, the services deletable", async () => {
    const c = await unpaidOrder();
    const service = (await t.request("GET", `/api/v1/services/${c.ids[0]}`, { token: c.token })).body;
    expect(service).toMatchObject({ status: "pending_payment", invoiceId: c.invoiceId, actions: { cancel: { allowed: true, reason: null } } });
    const listed = (await t.request("GET", "/api/v1/services", { token: c.token })).body.items;
    expect(listed.map((s: { invoiceId: string }) => s.invoiceId)).toEqual([c.invoiceId, c.invoiceId]);

    const preview = await t.request("GET", `/api/v1/services/${c.ids[0]}/cancel/preview`, { token: c.token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ kind: "withdraw", refund: { amount: 0, currency: "USD" }, invoiceId: c.invoiceId });
    expect([...preview.body.services].sort()).toEqual([...c.ids].sort());

    const withdrawn = await t.request("POST", `/api/v1/services/${c.ids[0]}/cancel`, { token: c.token, body: { when: "now" } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: "cancelled", invoiceId: null });
    for (const id of c.ids) expect((await t.request("GET", `/api/v1/services/${id}`, { token: c.token })).body.status).toBe("cancelled");
    expect((await t.request("GET", `/api/v1/invoices/${c.invoiceId}`, { token: c.token })).body.status).toBe("void");
    expect(await balanceOf(t, c.accountId)).toBe(700);
    expect(await ledger(c.accountId)).toHaveLength(1); // the top-up alone
    expect((await history(c.token, c.ids[1])).map((h) => [h.action, h.actor, h.toStatus])).toEqual([
      ["order", "client", "pending_payment"],
      ["withdraw", "client", "cancelled"],
    ]);

    // A payment arriving after the withdrawal finds the invoice not payable: the money stays on the balance.
    await post(t, { accountId: c.accountId, amount: 5000 });
    const pay = await t.request("POST", `/api/v1/invoices/${c.invoiceId}/pay-from-balance`, { token: c.token });
    expect(pay.status).toBeGreaterThanOrEqual(400);
    expect(pay.status).toBeLessThan(500);
    expect(await balanceOf(t, c.accountId)).toBe(5700);
    expect((await t.request("DELETE", `/api/v1/services/${c.ids[0]}`, { token: c.token })).status).toBe(204);
  });

  it("cannot be withdrawn once its invoice was paid a moment earlier: the payment wins, nothing lost", async () => {
    const c = await unpaidOrder();
    const total = (await t.request("GET", `/api/v1/invoices/${c.invoiceId}`, { token: c.token })).body.total.amount as number;
    await post(t, { accountId: c.accountId, amount: total });
    // Paid, its `invoice.paid` not handled yet: the services still wait in pending_payment.
    await inTransaction(t.cabinet.db, (trx) => t.cabinet.container.resolve(SettleInvoice).execute(trx, c.accountId, c.invoiceId));
    expect((await t.request("GET", `/api/v1/services/${c.ids[0]}`, { token: c.token })).body.status).toBe("pending_payment");

    const refused = await t.request("POST", `/api/v1/services/${c.ids[0]}/cancel`, { token: c.token, body: { when: "now" } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "CAB_ERR_ORDER_ALREADY_PAID", details: { invoiceId: c.invoiceId } });
    expect((await t.request("GET", `/api/v1/invoices/${c.invoiceId}`, { token: c.token })).body.status).toBe("paid");
    for (const id of c.ids) expect((await t.request("GET", `/api/v1/services/${id}`, { token: c.token })).body.status).toBe("pending_payment");
    expect(await balanceOf(t, c.accountId)).toBe(700);

    await t.cabinet.container.resolve(StartPaidServices).execute(c.accountId, c.invoiceId);
    for (const id of c.ids) await statusBecomes(t, c.token, id, "active");
    expect((await history(c.token, c.ids[0])).find((h) => h.action === "paid")).toMatchObject({ actor: "client" });
  });
});

describe("cancelling now", () => {
  // A 31-day period of 3100 ending in 10 days and a half: 10 whole days come back, 3100 × 10 ÷ 31 = 1000.
  async function paidService(productId: string) {
    const c = await t.signUp();
    const paidUntil = START + 10 * DAY + DAY / 2;
    const [id] = await addServices(t, c.accountId, [{ label: "web-01", paidUntil, price: 3100 }]);
    await t.cabinet
      .db("services")
      .where({ id })
      .update({ product_id: productId, period_start: paidUntil - 31 * DAY });
    return { ...c, id };
  }

  it("credits the days paid for and not used, by the product's prorated rule, and says so before", async () => {
    const c = await paidService(vps); // the demo VPS: prorated
    const preview = await t.request("GET", `/api/v1/services/${c.id}/cancel/preview`, { token: c.token });
    expect(preview.body).toEqual({
      kind: "cancel",
      refundRule: "prorated",
      refund: { amount: 1000, currency: "USD" },
      remainingDays: 10,
      paidUntil: new Date(START + 10.5 * DAY).toISOString(),
      invoiceId: null,
      services: [c.id],
    });
    const cancelled = await t.request("POST", `/api/v1/services/${c.id}/cancel`, {
      token: c.token,
      body: { when: "now" },
      headers: { "idempotency-key": "cancel-1" },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect(await balanceOf(t, c.accountId)).toBe(1000);
    const entries = await ledger(c.accountId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: "credit", reference_type: "service", reference_id: c.id });
    expect(Number(entries[0].amount)).toBe(1000);
    expect(entries[0].description).toBe("Refund on cancelling web-01: 10 unused paid days until 2026-11-11");
    // The same request again credits nothing more.
    await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "now" }, headers: { "idempotency-key": "cancel-1" } });
    expect(await balanceOf(t, c.accountId)).toBe(1000);
    expect((await history(c.token, c.id)).at(-1)).toMatchObject({ action: "cancel", details: { refund: 1000, remainingDays: 10 } });
    // Cancelled, there is nothing to cancel again.
    expect((await t.request("GET", `/api/v1/services/${c.id}/cancel/preview`, { token: c.token })).status).toBe(409);
  });

  it("gives back nothing under the `none` rule, and the preview says so", async () => {
    const product = await addProduct(t, { cancelRefund: "none" });
    const c = await paidService(product.id);
    const preview = await t.request("GET", `/api/v1/services/${c.id}/cancel/preview`, { token: c.token });
    expect(preview.body).toMatchObject({ refundRule: "none", refund: { amount: 0 }, remainingDays: 10 });
    expect((await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "now" } })).status).toBe(200);
    expect(await balanceOf(t, c.accountId)).toBe(0);
    expect(await ledger(c.accountId)).toHaveLength(0);
  });

  it("answers another account's service 404", async () => {
    const c = await paidService(vps);
    const other = await t.signUp();
    expect((await t.request("GET", `/api/v1/services/${c.id}/cancel/preview`, { token: other.token })).status).toBe(404);
  });
});

describe("the recommended top-up", () => {
  it("counts the open invoices, and a renewal already invoiced once", async () => {
    const c = await t.signUp();
    const ordered = await order(t, c.token, [{ productId: vps, periodMonths: 1 }]);
    const total = ordered.body.total.amount as number;
    const balance = (await t.request("GET", "/api/v1/balance", { token: c.token })).body;
    expect(balance.openInvoices).toEqual({ amount: total, currency: "USD", count: 1 });
    expect(balance.recommendedTopUp).toEqual({ amount: Math.max(total, balance.topUp.min.amount), currency: "USD" });

    // An auto-renewing service due in 5 days, its renewal invoiced (the balance is short): counted once.
    const [id] = await addServices(t, c.accountId, [{ label: "renews", paidUntil: START + 5 * DAY, price: 1800 }]);
    const renewed = await t.request("POST", `/api/v1/services/${id}/renew`, {
      token: c.token,
      body: { periods: 1 },
      headers: { "idempotency-key": "renew-1" },
    });
    expect(renewed.body.paid).toBe("invoice");
    expect((await t.request("GET", `/api/v1/services/${id}`, { token: c.token })).body.invoiceId).toBe(renewed.body.invoiceId);
    const after = (await t.request("GET", "/api/v1/balance", { token: c.token })).body;
    expect(after.openInvoices).toEqual({ amount: total + 1800, currency: "USD", count: 2 });
    expect(after.upcomingRenewals.amount).toBe(0);
    expect(after.recommendedTopUp.amount).toBe(total + 1800);
  });
});

describe("who paid a renewal", () => {
  it("is the client who paid its invoice, not the system", async () => {
    const c = await t.signUp();
    const [id] = await addServices(t, c.accountId, [{ label: "renews", paidUntil: START + 5 * DAY, price: 1800 }]);
    const renewed = await t.request("POST", `/api/v1/services/${id}/renew`, {
      token: c.token,
      body: { periods: 1 },
      headers: { "idempotency-key": "renew-2" },
    });
    await post(t, { accountId: c.accountId, amount: 1800 });
    expect((await t.request("POST", `/api/v1/invoices/${renewed.body.invoiceId}/pay-from-balance`, { token: c.token })).status).toBe(200);
    await expect.poll(async () => (await history(c.token, id)).find((h) => h.action === "renew")?.actor, { timeout: 10_000 }).toBe("client");
  });
});

describe("a renewal of a service without a label", () => {
  it("is named by its product in the ledger and on the invoice, never by an internal id", async () => {
    const c = await t.signUp();
    const product = await t.cabinet.db("products").where({ code: "vps" }).first();
    const [paid, invoiced] = await addServices(t, c.accountId, [
      { label: null, paidUntil: START + 5 * DAY, price: 1000 },
      { label: null, paidUntil: START + 5 * DAY, price: 1800 },
    ]);
    await post(t, { accountId: c.accountId, amount: 1000 });
    const fromBalance = await t.request("POST", `/api/v1/services/${paid}/renew`, {
      token: c.token,
      body: { periods: 1 },
      headers: { "idempotency-key": "renew-unlabelled-1" },
    });
    expect(fromBalance.status).toBe(200);
    const charge = (await ledger(c.accountId)).find((e: { reference_id: string | null }) => e.reference_id === paid);
    expect(charge.description).toMatch(new RegExp(`^Renewal of ${product.name}, `));
    expect(charge.description).not.toContain(paid);

    const byInvoice = await t.request("POST", `/api/v1/services/${invoiced}/renew`, {
      token: c.token,
      body: { periods: 1 },
      headers: { "idempotency-key": "renew-unlabelled-2" },
    });
    expect(byInvoice.body.paid).toBe("invoice");
    const invoice = (await t.request("GET", `/api/v1/invoices/${byInvoice.body.invoiceId}`, { token: c.token })).body;
    expect(invoice.lines.map((l: { description: string }) => l.description).join("\n")).not.toContain(invoiced);
    expect(invoice.lines[0].description).toContain(product.name);
  });
});

describe("proration wording", () => {
  it("speaks of the days paid for in the ledger, however many periods ahead", async () => {
    const c = await t.signUp();
    // Paid 61 days ahead, the last period 31 days long: an upgrade covers the 61 days.
    const paidUntil = START + 61 * DAY + DAY / 2;
    const [id] = await addServices(t, c.accountId, [{ label: "web-01", paidUntil, price: 1800 }]);
    await t.cabinet
      .db("services")
      .where({ id })
      .update({
        product_id: vps,
        period_start: paidUntil - 31 * DAY,
        parameters: JSON.stringify({ cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: true }),
      });
    await post(t, { accountId: c.accountId, amount: 10_000 });
    const preview = (await t.request("POST", `/api/v1/services/${id}/change/preview`, { token: c.token, body: { parameters: { cpu: 3 } } })).body;
    expect(preview).toMatchObject({ kind: "upgrade", remainingDays: 61, periodDays: 31 });
    expect((await t.request("POST", `/api/v1/services/${id}/change`, { token: c.token, body: { parameters: { cpu: 3 } } })).status).toBe(200);
    const charge = (await ledger(c.accountId)).find((e) => e.kind === "charge");
    expect(charge.description).toBe("Upgrade of web-01 for the 61 paid days until 2027-01-01");
    expect(Number(charge.amount)).toBe(-preview.amountDue.amount);
  });
});

describe("an upgrade the balance does not cover", () => {
  // The demo VPS (1800 a month for cpu 2, ram 4, disk 80, backups) paid for 30 days from now.
  async function activeVps(balance: number) {
    const c = await t.signUp();
    const paidUntil = START + 30 * DAY + DAY / 2;
    const [id] = await addServices(t, c.accountId, [{ label: "web-01", paidUntil, price: 1800 }]);
    await t.cabinet
      .db("services")
      .where({ id })
      .update({
        product_id: vps,
        period_start: paidUntil - 30 * DAY,
        parameters: JSON.stringify({ cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: true }),
      });
    if (balance) await post(t, { accountId: c.accountId, amount: balance });
    return { ...c, id };
  }
  const change = (c: { token: string; id: string }, parameters: Record<string, unknown>) =>
    t.request("POST", `/api/v1/services/${c.id}/change`, { token: c.token, body: { parameters } });

  it("issues an invoice for the prorated difference, like a renewal; paying it applies the upgrade", async () => {
    const c = await activeVps(100);
    const preview = (await t.request("POST", `/api/v1/services/${c.id}/change/preview`, { token: c.token, body: { parameters: { cpu: 4 } } })).body;
    expect(preview.amountDue.amount).toBe(400); // +2 cores × 200 for the 30 days paid for of 30
    const invoiced = await change(c, { cpu: 4 });
    expect(invoiced.status).toBe(200);
    expect(invoiced.body).toMatchObject({ parameters: { cpu: 2 }, price: { amount: 1800 } });
    const invoice = (await t.request("GET", `/api/v1/invoices/${invoiced.body.invoiceId}`, { token: c.token })).body;
    expect(invoice).toMatchObject({ status: "issued", purpose: "change", total: { amount: 400 } });
    expect(invoice.lines[0]).toMatchObject({ description: "Upgrade of web-01 for the 30 paid days until 2026-12-01", serviceId: c.id });
    expect(await balanceOf(t, c.accountId)).toBe(100);
    // Asked again: the same invoice, not a second one.
    expect((await change(c, { cpu: 4 })).body.invoiceId).toBe(invoiced.body.invoiceId);
    // The service itself, alone and in the list, points at the waiting upgrade's invoice.
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.invoiceId).toBe(invoiced.body.invoiceId);
    expect((await t.request("GET", "/api/v1/services", { token: c.token })).body.items[0].invoiceId).toBe(invoiced.body.invoiceId);
    expect(Number((await t.cabinet.db("invoices").where({ account_id: c.accountId }).count({ n: "*" }))[0].n)).toBe(1);

    await post(t, { accountId: c.accountId, amount: 300 });
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: c.token })).status).toBe(200);
    await expect.poll(async () => (await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.parameters.cpu, { timeout: 10_000 }).toBe(4);
    const after = (await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body;
    expect(after).toMatchObject({ price: { amount: 2200 }, invoiceId: null });
    expect(await balanceOf(t, c.accountId)).toBe(0); // 100 + 300 − 400: charged once
    expect((await history(c.token, c.id)).slice(-2).map((h) => [h.action, h.actor])).toEqual([
      ["change_invoiced", "client"],
      ["change", "client"],
    ]);
  });

  it("is called off by another change meanwhile (its invoice voided); an invoice paid after the service moved on is given back", async () => {
    const c = await activeVps(0);
    const first = (await change(c, { cpu: 4 })).body.invoiceId as string;
    const second = (await change(c, { cpu: 3 })).body.invoiceId as string;
    expect(second).not.toBe(first);
    expect((await t.request("GET", `/api/v1/invoices/${first}`, { token: c.token })).body.status).toBe("void");

    // The second is paid only after the service moved on (cancelled): the money comes back, once.
    await t.cabinet.db("service_changes").where({ invoice_id: second }).update({ provision_seq: 99 }); // as if the service changed since
    await post(t, { accountId: c.accountId, amount: 200 });
    expect((await t.request("POST", `/api/v1/invoices/${second}/pay-from-balance`, { token: c.token })).status).toBe(200);
    await expect.poll(async () => (await ledger(c.accountId)).filter((e) => e.kind === "refund").length, { timeout: 10_000 }).toBe(1);
    expect(await balanceOf(t, c.accountId)).toBe(200);
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.parameters.cpu).toBe(2);
  });

  it("is called off by a cancellation (the invoice voided, not left to pay)", async () => {
    const c = await activeVps(0);
    const invoiceId = (await change(c, { cpu: 4 })).body.invoiceId as string;
    expect((await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "period_end" } })).status).toBe(200);
    expect((await t.request("GET", `/api/v1/invoices/${invoiceId}`, { token: c.token })).body.status).toBe("void");
    expect((await t.request("GET", "/api/v1/balance", { token: c.token })).body.openInvoices.count).toBe(0);
  });
});

describe("notification texts", () => {
  it("name the service, and write amounts as the widgets do", async () => {
    const c = await t.signUp();
    const [id] = await addServices(t, c.accountId, [{ label: "web-01", paidUntil: START + 10 * DAY }]);
    expect((await t.request("POST", `/api/v1/services/${id}/cancel`, { token: c.token, body: { when: "now" } })).status).toBe(200);
    await post(t, { accountId: c.accountId, amount: 12_900, kind: "payment" });
    const bus = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus);
    await bus.publish("payment.succeeded", { paymentId: "pay_test", accountId: c.accountId, amount: 12_900, currency: "USD" });
    const texts = async () => (await t.request("GET", "/api/v1/notifications", { token: c.token })).body.items.map((n: { body: string }) => n.body) as string[];
    await expect.poll(async () => (await texts()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const bodies = await texts();
    expect(bodies).toContain("“web-01” has stopped.");
    expect(bodies).toContain("We received your payment of $129.00. Thank you!");
    expect(bodies.join(" ")).not.toContain("US$");
  });
});

describe("the demo's client awaiting payment", () => {
  it("sees her order's invoice and may withdraw it", async () => {
    const signedIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "carol@example.com", password: "northwind-demo", mode: "bearer" } });
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.token as string;
    const pending = (await t.request("GET", "/api/v1/services?status=pending_payment", { token })).body.items;
    expect(pending).toHaveLength(1);
    expect(pending[0].invoiceId).toMatch(/^inv_/);
    expect(pending[0].actions.cancel).toEqual({ allowed: true, reason: null });
    const preview = await t.request("GET", `/api/v1/services/${pending[0].id}/cancel/preview`, { token });
    expect(preview.body).toMatchObject({ kind: "withdraw", invoiceId: pending[0].invoiceId, services: [pending[0].id] });
  });
});
