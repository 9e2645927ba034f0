import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKENS } from "../../src/kernel/tokens.js";
import type { EventBus } from "../../src/kernel/event-bus.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { post } from "../support/ledger-helpers.js";
import { warmPool } from "../support/staff-helpers.js";
import { waitFor } from "../support/document-helpers.js";
import { balanceOf, demoProduct, order, signInMember, statusBecomes } from "../support/service-helpers.js";
import { addRoleMember } from "../support/access-helpers.js";

let t: TestCabinet;
let vps: string;
let dedicated: string;
const events: { name: string; payload: any }[] = [];
beforeAll(async () => {
  t = await startTestCabinet();
  const bus = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus);
  bus.subscribe("service.ordered", "test", (payload) => void events.push({ name: "service.ordered", payload }));
  bus.subscribe("service.activated", "test", (payload) => void events.push({ name: "service.activated", payload }));
  vps = (await demoProduct(t, "vps")).id;
  dedicated = (await demoProduct(t, "dedicated")).id;
});
afterAll(() => t.close());

const VPS_DEFAULT = 1500; // 1 month, default parameters (see catalog.test.ts)

async function countRows(table: string, accountId: string) {
  return Number((await t.cabinet.db(table).where("account_id", accountId).count({ n: "*" }))[0].n);
}

describe("an order the balance covers", () => {
  it("charges one entry per service, and the services go through provisioning to active, each step in their history", async () => {
    const client = await t.signUp();
    await post(t, { accountId: client.accountId, amount: 20_000 });
    const response = await order(t, client.token, [
      { productId: vps, periodMonths: 1, label: "web", autoRenew: true },
      { productId: dedicated, periodMonths: 1, parameters: { dc: "fra-1" } },
    ]);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: "paid", invoiceId: null, total: { amount: VPS_DEFAULT + 12900 + 500 + 5000, currency: "USD" } });
    expect(response.body.id).toMatch(/^ord_/);
    const [web, server] = response.body.services;
    expect(web).toMatchObject({
      status: "provisioning",
      label: "web",
      autoRenew: true,
      price: { amount: VPS_DEFAULT, currency: "USD" },
      periodMonths: 1,
      paidUntil: "2026-12-01T10:00:00.000Z",
    });
    expect(server.price.amount).toBe(13400); // the setup fee is charged once, not per period

    expect(await balanceOf(t, client.accountId)).toBe(20_000 - response.body.total.amount);
    const charges = await t.cabinet.db("ledger_entries").where({ account_id: client.accountId, kind: "charge" }).orderBy("id");
    expect(charges.map((c: { amount: number; reference_id: string }) => [Number(c.amount), c.reference_id])).toEqual([
      [-VPS_DEFAULT, web.id],
      [-18400, server.id],
    ]);

    const active = await statusBecomes(t, client.token, web.id, "active");
    expect(active.actions.renew).toEqual({ allowed: true, reason: null });
    const history = (await t.request("GET", `/api/v1/services/${web.id}/history`, { token: client.token })).body.items;
    expect(
      history.map((h: { fromStatus: string | null; toStatus: string; action: string; actor: string }) => [h.fromStatus, h.toStatus, h.action, h.actor]),
    ).toEqual([
      [null, "provisioning", "order", "client"],
      ["provisioning", "active", "provisioned", "system"],
    ]);
    expect(events.filter((e) => e.payload.serviceId === web.id)).toEqual([
      { name: "service.ordered", payload: { accountId: client.accountId, serviceId: web.id, productId: vps, awaitingInvoiceId: null } },
      { name: "service.activated", payload: { accountId: client.accountId, serviceId: web.id } },
    ]);
  });
});

describe("an order the balance does not cover", () => {
  it("issues one invoice with a line per service and charges nothing; paying it starts them", async () => {
    const client = await t.signUp();
    await post(t, { accountId: client.accountId, amount: 1600 });
    const response = await order(t, client.token, [
      { productId: vps, periodMonths: 1 },
      { productId: vps, periodMonths: 3 },
    ]);
    expect(response.status).toBe(201);
    expect(response.body.status).toBe("awaiting_payment");
    expect(response.body.services.map((s: { status: string }) => s.status)).toEqual(["pending_payment", "pending_payment"]);
    expect(await balanceOf(t, client.accountId)).toBe(1600); // the first item alone would fit: nothing is charged all the same
    const invoice = (await t.request("GET", `/api/v1/invoices/${response.body.invoiceId}`, { token: client.token })).body;
    expect(invoice).toMatchObject({ purpose: "order", status: "issued", total: { amount: response.body.total.amount } });
    expect(invoice.lines.map((l: { serviceId: string }) => l.serviceId)).toEqual(response.body.services.map((s: { id: string }) => s.id));
    expect(response.body.services[0].actions.renew).toEqual({ allowed: false, reason: "status:pending_payment" });
    // The bus delivers an order's events after the commit, one service after the other: wait for the second.
    const secondId = response.body.services[1].id;
    const ordered = await waitFor(
      async () => events.find((e) => e.name === "service.ordered" && e.payload.serviceId === secondId),
      "the second service.ordered",
    );
    expect(ordered).toEqual({
      name: "service.ordered",
      payload: { accountId: client.accountId, serviceId: secondId, productId: vps, awaitingInvoiceId: invoice.id },
    });

    await post(t, { accountId: client.accountId, amount: invoice.total.amount });
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: client.token })).status).toBe(200);
    for (const service of response.body.services) await statusBecomes(t, client.token, service.id, "active");
    expect(await balanceOf(t, client.accountId)).toBe(1600);
    const history = (await t.request("GET", `/api/v1/services/${response.body.services[0].id}/history`, { token: client.token })).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["order", "paid", "provisioned"]);
  });
});

describe("the Idempotency-Key", () => {
  it("answers a repeated order with the first answer, and orders once even when the clicks race", async () => {
    const client = await t.signUp();
    await post(t, { accountId: client.accountId, amount: 10_000 });
    const item = { productId: vps, periodMonths: 1 };
    const first = await order(t, client.token, [item], "double-click");
    const again = await order(t, client.token, [item], "double-click");
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);

    await warmPool(t);
    const raced = await Promise.all([1, 2, 3].map(() => order(t, client.token, [item], "racing-clicks")));
    expect(raced.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
    expect(await countRows("services", client.accountId)).toBe(2);
    expect(await balanceOf(t, client.accountId)).toBe(10_000 - 2 * VPS_DEFAULT);
  });

  it("refuses the same key with another body (409), and an order without a key (400)", async () => {
    const client = await t.signUp();
    await order(t, client.token, [{ productId: vps, periodMonths: 1 }], "reused");
    const reused = await order(t, client.token, [{ productId: vps, periodMonths: 3 }], "reused");
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("CAB_ERR_IDEMPOTENCY_KEY_REUSED");
    const missing = await t.request("POST", "/api/v1/orders", { token: client.token, body: { items: [{ productId: vps, periodMonths: 1 }] } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0]).toMatchObject({ in: "header", path: "/Idempotency-Key" });
    // Another account may use the same key: keys are per account.
    const other = await t.signUp();
    expect((await order(t, other.token, [{ productId: vps, periodMonths: 3 }], "reused")).status).toBe(201);
  });
});

describe("a bad order", () => {
  it("is refused whole with a clear 4xx, nothing written and nothing charged", async () => {
    const client = await t.signUp();
    await post(t, { accountId: client.accountId, amount: 50_000 });
    const cases: [unknown[], number, string][] = [
      [
        [
          { productId: vps, periodMonths: 1 },
          { productId: vps, periodMonths: 1, parameters: { ram: 65 } },
        ],
        422,
        "CAB_ERR_INVALID_PARAMETER",
      ],
      [[{ productId: "prd_0000000000000000000000", periodMonths: 1 }], 404, "CAB_ERR_NOT_FOUND"],
      [[{ productId: vps, periodMonths: 2 }], 422, "CAB_ERR_PERIOD_NOT_OFFERED"],
      [[{ productId: vps, periodMonths: 0 }], 400, "CAB_ERR_VALIDATION"],
      [[{ productId: vps, periodMonths: -3 }], 400, "CAB_ERR_VALIDATION"],
      [[], 400, "CAB_ERR_VALIDATION"],
    ];
    for (const [items, status, code] of cases) {
      const response = await order(t, client.token, items);
      expect(response.status, JSON.stringify(items)).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    const outOfRange = await order(t, client.token, cases[0][0]);
    expect(outOfRange.body.error.details).toMatchObject({ parameter: "ram", item: 1 });
    expect(await countRows("services", client.accountId)).toBe(0);
    expect(await countRows("orders", client.accountId)).toBe(0);
    expect(await balanceOf(t, client.accountId)).toBe(50_000);
  });

  it("needs the services permission; a member without it neither orders nor sees services, a viewer reads but cannot order", async () => {
    const client = await t.signUp();
    const accountant = await signInMember(t, client.accountId, ["finance"]);
    const refused = await order(t, accountant, [{ productId: vps, periodMonths: 1 }]);
    expect(refused.status).toBe(403);
    // Services are a section of their own (issue 12: an accountant does not see them).
    expect((await t.request("GET", "/api/v1/services", { token: accountant })).status).toBe(403);
    const orderer = await signInMember(t, client.accountId, ["services"]);
    expect((await order(t, orderer, [{ productId: vps, periodMonths: 1 }])).status).toBe(201);
    const viewer = await addRoleMember(t, { token: client.token, accountId: client.accountId }, ["viewer"]);
    expect((await order(t, viewer.token, [{ productId: vps, periodMonths: 1 }])).status).toBe(403);
    const [service] = (await t.request("GET", "/api/v1/services", { token: viewer.token })).body.items;
    expect(service.actions.cancel).toEqual({ allowed: false, reason: "permission:services" });
  });
});
