import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { balanceAndSum, post } from "../support/ledger-helpers.js";
import { signInStaff, warmPool } from "../support/staff-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";

let t: TestCabinet;
let gateway: TestGateway;
let staff: string;
beforeAll(async () => {
  gateway = new TestGateway();
  t = await startTestCabinet({ plugins: [testGatewayPlugin(gateway)], config: { plugins: [{ name: "payment-testpay", options: {} }] } });
  staff = (await signInStaff(t, "finance")).token;
});
afterAll(() => t.close());
beforeEach(() => {
  gateway.nextRefund = "refunded";
  gateway.onRefund = undefined;
});

// Whatever a test did, every balance it touched still equals the sum of its entries.
const touched = new Set<string>();
afterEach(async () => {
  for (const accountId of touched) {
    const { balance, sum } = await balanceAndSum(t, accountId);
    expect(balance, accountId).toBe(sum);
  }
  touched.clear();
});

const returnUrl = "http://localhost:8080/billing";
let eventCounter = 0;

async function webhook(event: { paymentId: string; result: "succeeded" | "refunded"; amount?: { amount: number; currency: string } }) {
  const body = JSON.stringify({ id: `evt_refunds_${++eventCounter}`, ...event });
  return t.request("POST", "/api/v1/webhooks/testpay", { rawBody: body, headers: { "x-test-signature": gateway.sign(body) } });
}

/** A client whose top-up of `amount` succeeded: the balance holds it. */
async function paid(amount = 5000) {
  const client = await t.signUp();
  touched.add(client.accountId);
  const { id: paymentId } = (await t.request("POST", "/api/v1/payments", { token: client.token, body: { gateway: "testpay", amount, returnUrl } })).body;
  await webhook({ paymentId, result: "succeeded", amount: { amount, currency: "USD" } });
  return { ...client, paymentId };
}

const refund = (paymentId: string, amount: number, reason = "client asked") =>
  t.request("POST", `/api/v1/staff/payments/${paymentId}/refunds`, { token: staff, headers: { "idempotency-key": randomUUID() }, body: { amount, reason } });
const payment = async (paymentId: string) => (await t.request("GET", `/api/v1/staff/payments/${paymentId}`, { token: staff })).body;
const refundEntries = async (accountId: string) =>
  (await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "refund" }).orderBy("id")).map((e: { amount: number }) => Number(e.amount));

describe("a refund", () => {
  it("of the whole payment goes through the gateway under an id minted first, and takes it off the balance", async () => {
    const { accountId, paymentId } = await paid(5000);
    let rowWhenAsked: unknown;
    gateway.onRefund = async (request) => {
      rowWhenAsked = await t.cabinet.db("refunds").where({ id: request.refundId }).first();
    };
    const response = await refund(paymentId, 5000, "service cancelled");
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      paymentId,
      amount: { amount: 5000, currency: "USD" },
      status: "refunded",
      reason: "service cancelled",
      failureReason: null,
    });
    expect(response.body.gatewayReference).toBe(`re_${response.body.id}`);
    expect(gateway.refundRequests.at(-1)).toMatchObject({
      paymentId,
      gatewayReference: `ref_${paymentId}`,
      amount: { amount: 5000, currency: "USD" },
      refundId: response.body.id,
    });
    expect(rowWhenAsked).toMatchObject({ id: response.body.id, status: "pending" });

    expect(await payment(paymentId)).toMatchObject({
      refunded: { amount: 5000 },
      refundsByHand: false,
      refunds: [{ id: response.body.id, status: "refunded" }],
    });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
    const entry = await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "refund" }).first();
    expect(entry).toMatchObject({ idempotency_key: `refund:${response.body.id}`, reference_type: "payment", reference_id: paymentId });
  });

  it("shows on the client's own payment and ledger", async () => {
    const { token, paymentId } = await paid(5000);
    await refund(paymentId, 1200);
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body).toMatchObject({
      status: "succeeded",
      refunded: { amount: 1200, currency: "USD" },
    });
    const kinds = (await t.request("GET", "/api/v1/ledger", { token })).body.items.map(
      (e: { kind: string; amount: { amount: number } }) => `${e.kind}:${e.amount.amount}`,
    );
    expect(kinds).toEqual(["refund:-1200", "payment:5000"]);
  });

  it("can be partial, several times, up to what was received and no further (422, nothing written)", async () => {
    const { accountId, paymentId } = await paid(5000);
    expect((await refund(paymentId, 2000)).status).toBe(201);
    expect((await refund(paymentId, 2500)).status).toBe(201);
    const over = await refund(paymentId, 501);
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: "CAB_ERR_UNPROCESSABLE", details: { refundable: { amount: 500, currency: "USD" } } });
    expect((await refund(paymentId, 500)).status).toBe(201);
    expect((await refund(paymentId, 1)).status).toBe(422);

    expect(await refundEntries(accountId)).toEqual([-2000, -2500, -500]);
    expect((await payment(paymentId)).refunded.amount).toBe(5000);
    expect(await t.cabinet.db("refunds").where({ payment_id: paymentId })).toHaveLength(3);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
  });

  it("larger than the payment is refused before the gateway is asked", async () => {
    const { accountId, paymentId } = await paid(5000);
    const asked = gateway.refundRequests.length;
    const response = await refund(paymentId, 5001);
    expect(response.status).toBe(422);
    expect(gateway.refundRequests.length).toBe(asked);
    expect(await t.cabinet.db("refunds").where({ payment_id: paymentId })).toEqual([]);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 5000, sum: 5000 });
  });

  it("asked twice at once for the last of a payment goes through once", async () => {
    const { accountId, paymentId } = await paid(5000);
    await warmPool(t);
    const answers = await Promise.all(Array.from({ length: 8 }, () => refund(paymentId, 3000)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(7).fill(422)]);
    expect(await refundEntries(accountId)).toEqual([-3000]);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2000, sum: 2000 });
  });

  it("of money already spent takes the balance below zero: the money did go back", async () => {
    const { accountId, paymentId } = await paid(5000);
    await post(t, { accountId, amount: -4000, kind: "charge" });
    expect((await refund(paymentId, 5000)).status).toBe(201);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: -4000, sum: -4000 });
  });

  it("of a payment that has not succeeded answers 409", async () => {
    const client = await t.signUp();
    touched.add(client.accountId);
    const { id: paymentId } = (await t.request("POST", "/api/v1/payments", { token: client.token, body: { gateway: "testpay", amount: 1000, returnUrl } }))
      .body;
    const response = await refund(paymentId, 100);
    expect(response.status).toBe(409);
    expect(response.body.error.details.payment).toMatchObject({ id: paymentId, status: "pending" });
  });
});

describe("a refund the gateway refuses", () => {
  it("is failed with its reason and moves no money", async () => {
    const { accountId, paymentId } = await paid(5000);
    gateway.nextRefund = "failed";
    const response = await refund(paymentId, 2000);
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: "CAB_ERR_REFUND_REFUSED", details: { reason: "the card's account is closed" } });
    const view = await payment(paymentId);
    expect(view.refunds).toMatchObject([{ id: response.body.error.details.refundId, status: "failed", failureReason: "the card's account is closed" }]);
    expect(view.refunded.amount).toBe(0);
    expect(await refundEntries(accountId)).toEqual([]);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 5000, sum: 5000 });
    // A failed refund reserves nothing, and cannot be retried.
    gateway.nextRefund = "refunded";
    expect(
      (await t.request("POST", `/api/v1/staff/payments/${paymentId}/refunds/${response.body.error.details.refundId}/retry`, { token: staff })).status,
    ).toBe(409);
    expect((await refund(paymentId, 5000)).status).toBe(201);
  });
});

describe("a refund the gateway does not answer", () => {
  it("stays pending (502), reserves its amount, and a retry sends the same refund id once", async () => {
    const { accountId, paymentId } = await paid(5000);
    gateway.nextRefund = "throw";
    const response = await refund(paymentId, 3000);
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe("CAB_ERR_GATEWAY_UNAVAILABLE");
    const refundId = response.body.error.details.refundId;
    expect((await payment(paymentId)).refunds).toMatchObject([{ id: refundId, status: "pending" }]);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 5000, sum: 5000 });

    // Pending money is not refundable twice.
    gateway.nextRefund = "refunded";
    expect((await refund(paymentId, 2001)).status).toBe(422);

    const retry = `/api/v1/staff/payments/${paymentId}/refunds/${refundId}/retry`;
    const retried = await t.request("POST", retry, { token: staff });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: refundId, status: "refunded" });
    expect(gateway.refundRequests.filter((r) => r.refundId === refundId)).toHaveLength(2);
    expect(await refundEntries(accountId)).toEqual([-3000]);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2000, sum: 2000 });

    const again = await t.request("POST", retry, { token: staff });
    expect(again.status).toBe(409);
    expect(again.body.error.details.refund).toMatchObject({ id: refundId, status: "refunded" });
    expect(await refundEntries(accountId)).toEqual([-3000]);
  });

  it("and retried twice at once is booked once", async () => {
    const { accountId, paymentId } = await paid(5000);
    gateway.nextRefund = "throw";
    const refundId = (await refund(paymentId, 1500)).body.error.details.refundId;
    gateway.nextRefund = "refunded";
    const retry = `/api/v1/staff/payments/${paymentId}/refunds/${refundId}/retry`;
    await warmPool(t);
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.request("POST", retry, { token: staff })));
    expect(answers.every((a) => [200, 409].includes(a.status))).toBe(true);
    expect(await refundEntries(accountId)).toEqual([-1500]);
    expect((await payment(paymentId)).refunded.amount).toBe(1500);
  });
});

describe("a refund webhook from the gateway", () => {
  it("for money the core already refunded counts nothing twice", async () => {
    const { accountId, paymentId } = await paid(5000);
    await refund(paymentId, 2000);
    // The gateway reports its running total, which is the core's own refund.
    expect((await webhook({ paymentId, result: "refunded", amount: { amount: 2000, currency: "USD" } })).body.outcome).toBe("unchanged");
    expect(await refundEntries(accountId)).toEqual([-2000]);

    // A refund made in the gateway's dashboard is counted, once, and listed with the others.
    expect((await webhook({ paymentId, result: "refunded", amount: { amount: 3000, currency: "USD" } })).body.outcome).toBe("refunded");
    expect((await webhook({ paymentId, result: "refunded", amount: { amount: 3000, currency: "USD" } })).body.outcome).toBe("unchanged");
    expect(await refundEntries(accountId)).toEqual([-2000, -1000]);
    const view = await payment(paymentId);
    expect(view.refunded.amount).toBe(3000);
    expect(view.refunds.map((r: { amount: { amount: number }; status: string }) => `${r.status}:${r.amount.amount}`)).toEqual([
      "refunded:2000",
      "refunded:1000",
    ]);
    // What is left to refund takes both into account.
    expect((await refund(paymentId, 2001)).status).toBe(422);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2000, sum: 2000 });
  });

  it("arriving while the core's refund is still pending leaves that refund to the core", async () => {
    const { accountId, paymentId } = await paid(5000);
    // The gateway refunds, and its webhook is delivered, before its answer reaches the core.
    gateway.onRefund = async () => {
      const outcome = (await webhook({ paymentId, result: "refunded", amount: { amount: 4000, currency: "USD" } })).body.outcome;
      expect(outcome).toBe("unchanged");
    };
    expect((await refund(paymentId, 4000)).status).toBe(201);
    expect(await refundEntries(accountId)).toEqual([-4000]);
    expect((await payment(paymentId)).refunded.amount).toBe(4000);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 1000, sum: 1000 });
  });

  it("in another currency is not taken for a refund of the whole payment", async () => {
    const { accountId, paymentId } = await paid(5000);
    expect((await webhook({ paymentId, result: "refunded", amount: { amount: 10, currency: "EUR" } })).body.outcome).toBe("unchanged");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 5000, sum: 5000 });
  });
});
