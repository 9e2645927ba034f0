import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { balanceAndSum, post } from "../support/ledger-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";
import { demoProduct, order, statusBecomes } from "../support/service-helpers.js";

// Every money endpoint under one Idempotency-Key: the same key and body answers the first
// outcome and moves no more money, even when the twins race; the same key with another body is
// 409 CAB_ERR_IDEMPOTENCY_KEY_REUSED (never a free second change, never a 500).
let t: TestCabinet;
let gateway: TestGateway;
let staff: string;
let vps: string;
beforeAll(async () => {
  gateway = new TestGateway();
  t = await startTestCabinet({ plugins: [testGatewayPlugin(gateway)], config: { plugins: [{ name: "payment-testpay", options: {} }] } });
  staff = (await signInStaff(t, "finance")).token;
  vps = (await demoProduct(t, "vps")).id;
});
afterAll(() => t.close());

const touched = new Set<string>();
afterEach(async () => {
  for (const accountId of touched) {
    const { balance, sum } = await balanceAndSum(t, accountId);
    expect(balance, accountId).toBe(sum);
  }
  touched.clear();
});

const returnUrl = "http://localhost:8080/billing";
let keys = 0;
const freshKey = () => `key-${++keys}-${Date.now()}`;

/** A fresh client with `balance` and one active 1-month VPS (1500 a month). */
async function activeService(balance: number) {
  const client = await t.signUp();
  touched.add(client.accountId);
  await post(t, { accountId: client.accountId, amount: balance });
  const ordered = await order(t, client.token, [{ productId: vps, periodMonths: 1 }]);
  const service = await statusBecomes(t, client.token, ordered.body.services[0].id, "active");
  return { ...client, id: service.id as string, paidUntil: service.paidUntil as string };
}

const balance = async (accountId: string) => (await balanceAndSum(t, accountId)).balance;
const charges = async (accountId: string) => (await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "charge" })).length;
const renew = (c: { token: string; id: string }, key: string | undefined, periods = 1) =>
  t.request("POST", `/api/v1/services/${c.id}/renew`, { token: c.token, body: { periods }, headers: key ? { "idempotency-key": key } : {} });

describe("renewing a service", () => {
  it("requires a key: each key is one renewal", async () => {
    const c = await activeService(10_000);
    const missing = await renew(c, undefined);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.errors[0]).toMatchObject({ in: "header", path: "/Idempotency-Key" });
    expect(await charges(c.accountId)).toBe(1); // the order's

    const first = await renew(c, "renew-a");
    const second = await renew(c, "renew-b");
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.service.paidUntil > first.body.service.paidUntil).toBe(true);
    expect(await balance(c.accountId)).toBe(10_000 - 1500 * 3);
  });

  it("answers the first outcome to the same key and body, charging once, also when ten race", async () => {
    const c = await activeService(10_000);
    const answers = await Promise.all(Array.from({ length: 10 }, () => renew(c, "renew-once")));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0].body).toMatchObject({ paid: "balance", invoiceId: null });
    expect(await balance(c.accountId)).toBe(10_000 - 1500 * 2);
    expect(await t.cabinet.db("service_renewals").where({ service_id: c.id })).toHaveLength(1);
    // Later too, the same key renews nothing more.
    expect((await renew(c, "renew-once")).body).toEqual(answers[0].body);
    expect(await balance(c.accountId)).toBe(10_000 - 1500 * 2);
  });

  it("renews ten times for ten racing requests with ten keys, each from where the last ended", async () => {
    const c = await activeService(20_000);
    const answers = await Promise.all(Array.from({ length: 10 }, () => renew(c, freshKey())));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await balance(c.accountId)).toBe(20_000 - 1500 * 11);
    const renewals = await t.cabinet.db("service_renewals").where({ service_id: c.id }).orderBy("period_start");
    expect(renewals).toHaveLength(10);
    for (let i = 1; i < renewals.length; i++) expect(Number(renewals[i].period_start)).toBe(Number(renewals[i - 1].period_end));
  });

  it("refuses the key with another body or on another service with 409, renewing nothing", async () => {
    const c = await activeService(10_000);
    const other = await activeService(10_000);
    expect((await renew(c, "renew-k", 1)).status).toBe(200);
    const before = await balance(c.accountId);
    const reused = await renew(c, "renew-k", 2);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("CAB_ERR_IDEMPOTENCY_KEY_REUSED");
    expect(await balance(c.accountId)).toBe(before);
    // Keys belong to the account: the same key on the other account's service is its own renewal…
    expect((await renew(other, "renew-k", 1)).status).toBe(200);
    // …but on the first account's other request it is refused.
    const elsewhere = await t.request("POST", `/api/v1/services/${c.id}/cancel`, {
      token: c.token,
      body: { when: "period_end" },
      headers: { "idempotency-key": "renew-k" },
    });
    expect(elsewhere.status).toBe(409);
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.cancelAtPeriodEnd).toBe(false);
  });

  it("lets a key that failed try again: nothing was stored", async () => {
    const c = await activeService(10_000);
    await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "period_end" } });
    const refused = await renew(c, "renew-after");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("CAB_ERR_ILLEGAL_TRANSITION");
    expect(await t.cabinet.db("idempotent_requests").where({ idempotency_key: "renew-after" })).toHaveLength(0);
  });
});

describe("changing a service", () => {
  const change = (c: { token: string; id: string }, key: string, parameters: Record<string, number>) =>
    t.request("POST", `/api/v1/services/${c.id}/change`, { token: c.token, body: { parameters }, headers: { "idempotency-key": key } });

  it("refuses one key for another change with 409 (it was once applied free), and never answers 500", async () => {
    const c = await activeService(10_000);
    const first = await change(c, "change-k", { cpu: 3 });
    expect(first.status).toBe(200);
    const afterFirst = await balance(c.accountId);
    expect(afterFirst).toBeLessThan(10_000 - 1500);
    for (const parameters of [{ ram: 6 }, { cpu: 4, ram: 8 }] as Record<string, number>[]) {
      const reused = await change(c, "change-k", parameters);
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe("CAB_ERR_IDEMPOTENCY_KEY_REUSED");
    }
    const service = (await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body;
    expect(service.parameters).toMatchObject({ cpu: 3, ram: 4 });
    expect(await balance(c.accountId)).toBe(afterFirst);
  });

  it("answers the first change to racing twins, charging once", async () => {
    const c = await activeService(10_000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => change(c, "change-once", { cpu: 4 })));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    expect(await charges(c.accountId)).toBe(2); // the order and the upgrade
  });
});

describe("paying an invoice from the balance", () => {
  it("answers the first payment to the same key, and refuses the key for another invoice", async () => {
    const c = await activeService(1500); // the order took it all: a renewal is invoiced
    const renewal = await renew(c, freshKey());
    expect(renewal.body.paid).toBe("invoice");
    await post(t, { accountId: c.accountId, amount: 1500 });
    const pay = (invoiceId: string, key: string) =>
      t.request("POST", `/api/v1/invoices/${invoiceId}/pay-from-balance`, { token: c.token, headers: { "idempotency-key": key } });
    const answers = await Promise.all(Array.from({ length: 5 }, () => pay(renewal.body.invoiceId, "pay-once")));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    expect(answers.every((a) => a.body.status === "paid")).toBe(true);
    expect(await balance(c.accountId)).toBe(0);
    const another = await order(t, c.token, [{ productId: vps, periodMonths: 1 }]); // the balance is empty: invoiced
    expect(another.body.invoiceId).toEqual(expect.any(String));
    expect((await pay(another.body.invoiceId, "pay-once")).body.error.code).toBe("CAB_ERR_IDEMPOTENCY_KEY_REUSED");
  });

  it("stores nothing for a refusal: the same key pays once the money is there", async () => {
    const c = await activeService(1500);
    const renewal = await renew(c, freshKey());
    const pay = () =>
      t.request("POST", `/api/v1/invoices/${renewal.body.invoiceId}/pay-from-balance`, { token: c.token, headers: { "idempotency-key": "pay-later" } });
    expect((await pay()).status).toBe(402);
    await post(t, { accountId: c.accountId, amount: 1500 });
    expect((await pay()).body.status).toBe("paid");
  });
});

describe("starting a payment", () => {
  it("starts one payment for the same key and body, answering it as it is now; another body is 409", async () => {
    const client = await t.signUp();
    const start = (amount: number) =>
      t.request("POST", "/api/v1/payments", {
        token: client.token,
        body: { gateway: "testpay", amount, returnUrl },
        headers: { "idempotency-key": "top-up-1" },
      });
    const startedBefore = gateway.started.length;
    const answers = await Promise.all(Array.from({ length: 5 }, () => start(2500)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.every((a) => a.body.nextAction?.kind === answers[0].body.nextAction.kind)).toBe(true);
    expect(gateway.started.length - startedBefore).toBe(1);
    expect(await t.cabinet.db("payments").where({ account_id: client.accountId })).toHaveLength(1);
    const other = await start(3000);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("CAB_ERR_IDEMPOTENCY_KEY_REUSED");
  });

  it("still starts a payment per request without a key", async () => {
    const client = await t.signUp();
    for (let i = 0; i < 2; i++)
      expect((await t.request("POST", "/api/v1/payments", { token: client.token, body: { gateway: "testpay", amount: 1000, returnUrl } })).status).toBe(201);
    expect(await t.cabinet.db("payments").where({ account_id: client.accountId })).toHaveLength(2);
  });
});

describe("staff refunds", () => {
  async function succeededPayment(amount: number) {
    const client = await t.signUp();
    touched.add(client.accountId);
    const { id: paymentId } = (await t.request("POST", "/api/v1/payments", { token: client.token, body: { gateway: "testpay", amount, returnUrl } })).body;
    const body = JSON.stringify({ id: `evt_idem_${paymentId}`, paymentId, result: "succeeded" });
    expect((await t.request("POST", "/api/v1/webhooks/testpay", { rawBody: body, headers: { "x-test-signature": gateway.sign(body) } })).status).toBe(200);
    return { ...client, paymentId };
  }
  const refund = (paymentId: string, key: string | undefined, amount: number) =>
    t.request("POST", `/api/v1/staff/payments/${paymentId}/refunds`, {
      token: staff,
      body: { amount, reason: "client asked" },
      headers: key ? { "idempotency-key": key } : {},
    });

  it("require a key, refund once for racing twins, and refuse the key for another amount", async () => {
    const c = await succeededPayment(5000);
    expect((await refund(c.paymentId, undefined, 1000)).status).toBe(400);
    const answers = await Promise.all(Array.from({ length: 5 }, () => refund(c.paymentId, "refund-1", 1000)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await balance(c.accountId)).toBe(4000);
    const other = await refund(c.paymentId, "refund-1", 2000);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("CAB_ERR_IDEMPOTENCY_KEY_REUSED");
    // A second refund is a second key.
    expect((await refund(c.paymentId, "refund-2", 1000)).status).toBe(201);
    expect(await balance(c.accountId)).toBe(3000);
  });
});

describe("cancelling a service", () => {
  it("answers the first outcome to the same key", async () => {
    const c = await activeService(10_000);
    const cancel = (when: string) =>
      t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when }, headers: { "idempotency-key": "cancel-1" } });
    const first = await cancel("now");
    expect(first.body.status).toBe("cancelled");
    const again = await cancel("now");
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("cancelled");
    expect((await cancel("period_end")).body.error.code).toBe("CAB_ERR_IDEMPOTENCY_KEY_REUSED");
  });
});
