import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/index.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { addServices, DAY, topUp } from "../support/billing-helpers.js";
import { addRoleMember, expectRefused } from "../support/access-helpers.js";
import { demoProduct, order } from "../support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";

// A user limited to some services, in billing: the invoices they see, and the services they order.

let t: TestCabinet;
let vps: string;
beforeAll(async () => {
  t = await startTestCabinet({ plugins: [testGatewayPlugin(new TestGateway())], config: { plugins: [{ name: "payment-testpay", options: {} }] } });
  vps = (await demoProduct(t, "vps")).id;
});
afterAll(() => t.close());

/** An issued invoice of the account with one line per entry (a service's, or none: a line about no service). */
async function invoiceOf(accountId: string, lines: { serviceId: string | null; amount: number }[]) {
  const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
  return inTransaction(t.cabinet.db, (trx) =>
    t.cabinet.container.resolve(IssueInvoice).execute(trx, {
      brand,
      accountId,
      currency: "USD",
      purpose: "order",
      lines: lines.map((l, i) => ({ description: `Line ${i + 1}`, quantity: 1, unitAmount: l.amount, serviceId: l.serviceId })),
    }),
  );
}

describe("invoices of a user limited to some services", () => {
  // The choice: an invoice is theirs only when every line is about a service in their scope.
  // One that also bills another service (or something that is no service) is unknown to them
  // (404), rather than shown with lines cut out: its total would still tell the other amounts,
  // and paying it would pay for services they may not manage.
  it("are those whose every line is in the scope; the others answer 404 in the list, by id, to pay from balance and to a payment", async () => {
    const owner = await t.signUp();
    const [mine, other] = await addServices(t, owner.accountId, [
      { label: "mine", paidUntil: t.clock.now() + 10 * DAY },
      { label: "other", paidUntil: t.clock.now() + 10 * DAY },
    ]);
    const onlyMine = await invoiceOf(owner.accountId, [{ serviceId: mine, amount: 700 }]);
    const mixed = await invoiceOf(owner.accountId, [
      { serviceId: mine, amount: 700 },
      { serviceId: other, amount: 900 },
    ]);
    const onlyOther = await invoiceOf(owner.accountId, [{ serviceId: other, amount: 900 }]);
    const noService = await invoiceOf(owner.accountId, [{ serviceId: null, amount: 300 }]);
    await topUp(t, owner.accountId, 10_000);
    // An accountant limited to `mine`: finance rights, one service.
    const accountant = await addRoleMember(t, owner, ["accountant"], [mine]);

    const list = await t.request("GET", "/api/v1/invoices", { token: accountant.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([onlyMine.id]);
    expect(list.body.items[0].lines.map((l: { serviceId: string }) => l.serviceId)).toEqual([mine]);
    expect((await t.request("GET", `/api/v1/invoices/${onlyMine.id}`, { token: accountant.token })).status).toBe(200);
    for (const hidden of [mixed, onlyOther, noService]) {
      expectRefused(await t.request("GET", `/api/v1/invoices/${hidden.id}`, { token: accountant.token }), 404, "CAB_ERR_NOT_FOUND");
      expectRefused(await t.request("POST", `/api/v1/invoices/${hidden.id}/pay-from-balance`, { token: accountant.token, body: {} }), 404, "CAB_ERR_NOT_FOUND");
    }
    expectRefused(
      await t.request("POST", "/api/v1/payments", {
        token: accountant.token,
        body: { gateway: "testpay", invoiceIds: [onlyMine.id, mixed.id], returnUrl: "http://localhost:8080/billing" },
      }),
      404,
      "CAB_ERR_NOT_FOUND",
    );
    // Nothing was paid nor started by the refusals.
    expect(
      (await t.cabinet.db("invoices").whereIn("id", [mixed.id, onlyOther.id, noService.id]).select("status")).map((r: { status: string }) => r.status),
    ).toEqual(["issued", "issued", "issued"]);
    expect(Number((await t.cabinet.db("payments").where("account_id", owner.accountId).count({ n: "*" }))[0].n)).toBe(0);
    // Their own invoice they pay: by a payment, or from the balance.
    expect(
      (
        await t.request("POST", "/api/v1/payments", {
          token: accountant.token,
          body: { gateway: "testpay", invoiceIds: [onlyMine.id], returnUrl: "http://localhost:8080/billing" },
        })
      ).status,
    ).toBe(201);
    expect((await t.request("POST", `/api/v1/invoices/${onlyMine.id}/pay-from-balance`, { token: accountant.token, body: {} })).body.status).toBe("paid");

    // The owner, and an accountant with every service, see all four.
    expect((await t.request("GET", "/api/v1/invoices", { token: owner.token })).body.items).toHaveLength(4);
    const unscoped = await addRoleMember(t, owner, ["accountant"]);
    expect((await t.request("GET", "/api/v1/invoices", { token: unscoped.token })).body.items).toHaveLength(4);
  });

  it("an empty scope sees no invoice at all", async () => {
    const owner = await t.signUp();
    const [mine] = await addServices(t, owner.accountId, [{ label: "mine", paidUntil: t.clock.now() + 10 * DAY }]);
    await invoiceOf(owner.accountId, [{ serviceId: mine, amount: 700 }]);
    const nobody = await addRoleMember(t, owner, ["accountant"], []);
    expect((await t.request("GET", "/api/v1/invoices", { token: nobody.token })).body.items).toEqual([]);
  });
});

describe("a user limited to some services who orders", () => {
  it("manages what they ordered: the new services join their scope, with the order's invoice", async () => {
    const owner = await t.signUp();
    const [mine, other] = await addServices(t, owner.accountId, [
      { label: "mine", paidUntil: t.clock.now() + 10 * DAY },
      { label: "other", paidUntil: t.clock.now() + 10 * DAY },
    ]);
    const admin = await addRoleMember(t, owner, ["sysadmin", "accountant"], [mine]);
    // No balance: the order waits for its invoice.
    const placed = await order(t, admin.token, [{ productId: vps, periodMonths: 1, label: "ordered" }]);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const ordered = placed.body.services[0].id;

    const me = await t.request("GET", "/api/v1/me", { token: admin.token });
    expect([...me.body.user.serviceScope].sort()).toEqual([mine, ordered].sort());
    const listed = (await t.request("GET", "/api/v1/services", { token: admin.token })).body.items.map((s: { id: string }) => s.id);
    expect(listed.sort()).toEqual([mine, ordered].sort());
    expect(listed).not.toContain(other);
    expect((await t.request("PATCH", `/api/v1/services/${ordered}`, { token: admin.token, body: { label: "renamed" } })).status).toBe(200);
    expect((await t.request("GET", `/api/v1/invoices/${placed.body.invoiceId}`, { token: admin.token })).status).toBe(200);
    // The owner's own orders change no one's scope, and the owner sees everything.
    const ownerOrder = await order(t, owner.token, [{ productId: vps, periodMonths: 1 }]);
    expect(ownerOrder.status).toBe(201);
    expect([...(await t.request("GET", "/api/v1/me", { token: admin.token })).body.user.serviceScope].sort()).toEqual([mine, ordered].sort());
  });

  it("a user with every service stays unlimited after ordering", async () => {
    const owner = await t.signUp();
    const admin = await addRoleMember(t, owner, ["sysadmin"]);
    expect((await order(t, admin.token, [{ productId: vps, periodMonths: 1 }])).status).toBe(201);
    expect((await t.request("GET", "/api/v1/me", { token: admin.token })).body.user.serviceScope).toBeNull();
    expect(await t.cabinet.db("member_services").where({ account_id: owner.accountId })).toEqual([]);
  });
});
