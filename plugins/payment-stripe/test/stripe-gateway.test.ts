import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { StripeGateway, type StripeGatewayOptions } from "../src/stripe-gateway.js";
import { FakeStripeApi } from "./fake-stripe-api.js";

const WEBHOOK_SECRET = "whsec_test_0123456789abcdef";

let api: FakeStripeApi;
let gateway: StripeGateway;

function makeGateway(extra: Partial<StripeGatewayOptions> = {}): StripeGateway {
  return new StripeGateway({ secretKey: api.secretKey, webhookSecret: WEBHOOK_SECRET, timeoutMs: 2_000, ...api.clientOptions, ...extra });
}

function payment(paymentId = "pay_01jdtest000001") {
  return {
    paymentId,
    brandId: "brd_01jdtest000001",
    accountId: "acc_01jdtest000001",
    amount: { amount: 1999, currency: "EUR" },
    description: "VPS S, one month",
    returnUrl: `https://my.example.com/billing/payments/${paymentId}`,
    cancelUrl: "https://my.example.com/billing",
    customerEmail: "alice@example.com",
  };
}

async function paidSession(paymentId = "pay_01jdtest000001"): Promise<string> {
  const start = await gateway.startPayment(payment(paymentId));
  api.markPaid(start.gatewayReference);
  return start.gatewayReference;
}

/** A webhook request exactly as Stripe would send it, signed with `secret` at `timestamp` (seconds). */
function webhook(event: object, { secret = WEBHOOK_SECRET, timestamp = Math.floor(Date.now() / 1000) } = {}) {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  return {
    headers: { "stripe-signature": signature, "content-type": "application/json" } as Record<string, string | undefined>,
    rawBody: Buffer.from(payload),
  };
}

let eventSeq = 0;
function event(type: string, object: object) {
  return {
    id: `evt_test_${++eventSeq}`,
    object: "event",
    type,
    api_version: "2025-01-01",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  };
}

beforeEach(async () => {
  api = await FakeStripeApi.start();
  gateway = makeGateway();
});

afterEach(async () => {
  await api.close();
});

describe("startPayment", () => {
  it("creates a Checkout Session with the amount, currency and metadata, and redirects to it", async () => {
    const start = await gateway.startPayment(payment());

    expect(start).toEqual({
      kind: "redirect",
      url: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/),
      gatewayReference: expect.stringMatching(/^cs_test_/),
    });
    const [sent] = api.requestsTo("POST", "/v1/checkout/sessions");
    expect(sent.headers.authorization).toBe(`Bearer ${api.secretKey}`);
    expect(sent.headers["idempotency-key"]).toBe("cabinet-checkout-pay_01jdtest000001");
    expect(sent.body).toMatchObject({
      mode: "payment",
      line_items: [{ quantity: "1", price_data: { currency: "eur", unit_amount: "1999", product_data: { name: "VPS S, one month" } } }],
      client_reference_id: "pay_01jdtest000001",
      metadata: { payment_id: "pay_01jdtest000001", account_id: "acc_01jdtest000001" },
      payment_intent_data: { metadata: { payment_id: "pay_01jdtest000001", account_id: "acc_01jdtest000001" } },
      success_url: "https://my.example.com/billing/payments/pay_01jdtest000001",
      cancel_url: "https://my.example.com/billing",
      customer_email: "alice@example.com",
    });
    expect(api.sessions.get(start.gatewayReference)?.amount_total).toBe(1999);
  });

  it("answers a repeated start of one payment with the same session, and another payment with a new one", async () => {
    const first = await gateway.startPayment(payment());
    const again = await gateway.startPayment(payment());
    const other = await gateway.startPayment(payment("pay_01jdtest000002"));

    expect(again).toEqual(first);
    expect(other.gatewayReference).not.toBe(first.gatewayReference);
    expect(api.sessions.size).toBe(2);
  });

  it("reports a payment Stripe will not take as refused, not as a fault to retry", async () => {
    const start = await gateway.startPayment({ ...payment("pay_01jdtest000009"), amount: { amount: -5, currency: "EUR" } });
    expect(start).toEqual({ kind: "refused", reason: expect.stringContaining("line_items") });
  });

  it("names the product after the payment when the description is blank, since Stripe refuses an empty name", async () => {
    await gateway.startPayment({ ...payment(), description: "  " });
    expect(api.requests[0].body).toMatchObject({ line_items: [{ price_data: { product_data: { name: "pay_01jdtest000001" } } }] });
  });

  it("rides out one 500 with a retry under the same idempotency key, opening one session", async () => {
    api.failNext(1);
    const start = await gateway.startPayment(payment());

    const sent = api.requestsTo("POST", "/v1/checkout/sessions");
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.headers["idempotency-key"])).toEqual(["cabinet-checkout-pay_01jdtest000001", "cabinet-checkout-pay_01jdtest000001"]);
    expect([...api.sessions.keys()]).toEqual([start.gatewayReference]);
  });

  it("throws, within a bounded time, when Stripe answers 500 twice", async () => {
    api.failNext(2);
    const began = Date.now();
    await expect(gateway.startPayment(payment())).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(api.requestsTo("POST", "/v1/checkout/sessions")).toHaveLength(2);
  });

  it("throws instead of hanging when Stripe does not answer within timeoutMs", async () => {
    gateway = makeGateway({ timeoutMs: 300 });
    api.delayNext(2, Infinity);
    const began = Date.now();
    await expect(gateway.startPayment(payment())).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
    // Two attempts of 300 ms and one back-off of at most 1 s.
    expect(Date.now() - began).toBeLessThan(3_000);
    expect(api.requestsTo("POST", "/v1/checkout/sessions")).toHaveLength(2);
  });

  it("waits for a slow answer that still comes within timeoutMs", async () => {
    api.delayNext(1, 150);
    await expect(gateway.startPayment(payment())).resolves.toMatchObject({ kind: "redirect" });
    expect(api.requests).toHaveLength(1);
  });

  it("throws on a key Stripe does not accept rather than reporting a payment", async () => {
    gateway = makeGateway({ secretKey: "sk_test_revoked_000000" });
    await expect(gateway.startPayment(payment())).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });
});

describe("fetchStatus", () => {
  it("is pending until the session is paid, then succeeded with the amount", async () => {
    const { gatewayReference } = await gateway.startPayment(payment());
    expect(await gateway.fetchStatus(gatewayReference)).toEqual({ result: "pending" });

    api.markPaid(gatewayReference);
    expect(await gateway.fetchStatus(gatewayReference)).toEqual({ result: "succeeded", amount: { amount: 1999, currency: "EUR" } });
    expect(api.requestsTo("GET", `/v1/checkout/sessions/${gatewayReference}`)).toHaveLength(2);
  });

  it("is failed once the session expired", async () => {
    const { gatewayReference } = await gateway.startPayment(payment());
    api.markExpired(gatewayReference);
    expect(await gateway.fetchStatus(gatewayReference)).toEqual({ result: "failed" });
  });

  it("throws for a session Stripe does not know", async () => {
    await expect(gateway.fetchStatus("cs_test_nowhere")).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});

describe("parseWebhook", () => {
  it("turns a signed checkout.session.completed (paid) into a succeeded event with the payment id and amount", async () => {
    const id = await paidSession();
    const e = event("checkout.session.completed", api.sessions.get(id)!);

    expect(await gateway.parseWebhook(webhook(e))).toEqual({
      status: "event",
      eventId: e.id,
      paymentId: "pay_01jdtest000001",
      result: "succeeded",
      amount: { amount: 1999, currency: "EUR" },
    });
  });

  it("settles delayed methods on async_payment_succeeded / _failed, and expiry as failed", async () => {
    const { gatewayReference } = await gateway.startPayment(payment());
    const session = { ...api.sessions.get(gatewayReference)!, status: "complete", payment_status: "unpaid" };

    const completed = event("checkout.session.completed", session);
    expect(await gateway.parseWebhook(webhook(completed))).toEqual({
      status: "ignored",
      eventId: completed.id,
      reason: "checkout session completed with payment_status unpaid",
    });
    expect(await gateway.parseWebhook(webhook(event("checkout.session.async_payment_succeeded", { ...session, payment_status: "paid" })))).toMatchObject({
      status: "event",
      paymentId: "pay_01jdtest000001",
      result: "succeeded",
      amount: { amount: 1999, currency: "EUR" },
    });
    expect(await gateway.parseWebhook(webhook(event("checkout.session.async_payment_failed", session)))).toMatchObject({ status: "event", result: "failed" });
    expect(await gateway.parseWebhook(webhook(event("checkout.session.expired", { ...session, status: "expired" })))).toMatchObject({
      status: "event",
      paymentId: "pay_01jdtest000001",
      result: "failed",
    });
  });

  it("turns charge.refunded into a refunded event when the charge carries the payment id", async () => {
    const charge = {
      id: "ch_test_1",
      object: "charge",
      amount: 1999,
      amount_refunded: 500,
      currency: "eur",
      refunded: false,
      metadata: { payment_id: "pay_01jdtest000001" },
    };
    const e = event("charge.refunded", charge);
    expect(await gateway.parseWebhook(webhook(e))).toEqual({
      status: "event",
      eventId: e.id,
      paymentId: "pay_01jdtest000001",
      result: "refunded",
      amount: { amount: 500, currency: "EUR" },
    });
    const foreign = event("charge.refunded", { ...charge, metadata: {} });
    expect(await gateway.parseWebhook(webhook(foreign))).toEqual({ status: "ignored", eventId: foreign.id, reason: "charge carries no payment_id metadata" });
  });

  it("ignores unknown event types and sessions Cabinet did not open", async () => {
    const other = event("customer.created", { id: "cus_1", object: "customer" });
    expect(await gateway.parseWebhook(webhook(other))).toEqual({ status: "ignored", eventId: other.id, reason: "event type customer.created is not handled" });

    const id = await paidSession();
    const notOurs = event("checkout.session.completed", { ...api.sessions.get(id)!, metadata: {} });
    expect(await gateway.parseWebhook(webhook(notOurs))).toEqual({
      status: "ignored",
      eventId: notOurs.id,
      reason: "checkout session carries no payment_id metadata",
    });
  });

  describe("rejects, without throwing,", () => {
    let genuine: ReturnType<typeof webhook>;
    let completed: ReturnType<typeof event>;
    beforeEach(async () => {
      completed = event("checkout.session.completed", api.sessions.get(await paidSession())!);
      genuine = webhook(completed);
    });

    it("a forged signature", async () => {
      const t = Math.floor(Date.now() / 1000);
      const forged = { ...genuine, headers: { "stripe-signature": `t=${t},v1=${"ab".repeat(32)}` } };
      expect(await gateway.parseWebhook(forged)).toMatchObject({
        status: "rejected",
        reason: expect.stringMatching(/^signature verification failed: No signatures found matching/),
      });
    });

    it("a request signed with another endpoint's secret", async () => {
      expect(await gateway.parseWebhook(webhook(completed, { secret: "whsec_someone_else_000000" }))).toMatchObject({ status: "rejected" });
    });

    it("a stale timestamp, older than 300 s", async () => {
      const stale = webhook(completed, { timestamp: Math.floor(Date.now() / 1000) - 301 });
      expect(await gateway.parseWebhook(stale)).toEqual({ status: "rejected", reason: "signature verification failed: Timestamp outside the tolerance zone" });
      // Just inside the window still passes: the tolerance is 300 s, not less.
      expect(await gateway.parseWebhook(webhook(completed, { timestamp: Math.floor(Date.now() / 1000) - 280 }))).toMatchObject({ status: "event" });
    });

    it("a missing or empty signature header", async () => {
      expect(await gateway.parseWebhook({ headers: {}, rawBody: genuine.rawBody })).toEqual({ status: "rejected", reason: "missing Stripe-Signature header" });
      expect(await gateway.parseWebhook({ headers: { "stripe-signature": "" }, rawBody: genuine.rawBody })).toEqual({
        status: "rejected",
        reason: "missing Stripe-Signature header",
      });
    });

    it("a body altered after signing", async () => {
      const altered = Buffer.from(genuine.rawBody.toString("utf8").replace('"amount_total":1999', '"amount_total":1'));
      expect(altered.equals(genuine.rawBody)).toBe(false);
      expect(await gateway.parseWebhook({ headers: genuine.headers, rawBody: altered })).toMatchObject({ status: "rejected" });
    });

    it("a header that is not one value, or garbage", async () => {
      const twice = { headers: { "stripe-signature": [genuine.headers["stripe-signature"]!, genuine.headers["stripe-signature"]!] }, rawBody: genuine.rawBody };
      expect(await gateway.parseWebhook(twice)).toEqual({ status: "rejected", reason: "missing Stripe-Signature header" });
      expect(await gateway.parseWebhook({ headers: { "stripe-signature": "nonsense" }, rawBody: genuine.rawBody })).toMatchObject({ status: "rejected" });
    });

    it("nothing genuine: the same request as received passes, whatever the header's case", async () => {
      expect(await gateway.parseWebhook(genuine)).toMatchObject({ status: "event", eventId: completed.id });
      expect(await gateway.parseWebhook({ headers: { "Stripe-Signature": genuine.headers["stripe-signature"] }, rawBody: genuine.rawBody })).toMatchObject({
        status: "event",
      });
    });
  });
});

describe("refund", () => {
  it("refunds the session's payment intent, keyed by the refund id", async () => {
    const gatewayReference = await paidSession();
    const result = await gateway.refund({
      paymentId: "pay_01jdtest000001",
      gatewayReference,
      amount: { amount: 500, currency: "EUR" },
      refundId: "rfd_01jdtest000001",
    });

    expect(result).toEqual({ status: "refunded", gatewayReference: expect.stringMatching(/^re_/) });
    const [sent] = api.requestsTo("POST", "/v1/refunds");
    expect(sent.body).toEqual({ payment_intent: api.sessions.get(gatewayReference)!.payment_intent, amount: "500" });
    expect(sent.headers["idempotency-key"]).toBe("rfd_01jdtest000001");
  });

  it("is idempotent by refund id: a retry returns the first refund and moves no more money", async () => {
    const gatewayReference = await paidSession();
    const request = { paymentId: "pay_01jdtest000001", gatewayReference, amount: { amount: 500, currency: "EUR" }, refundId: "rfd_01jdtest000001" };
    const first = await gateway.refund(request);
    const retry = await gateway.refund(request);

    expect(retry).toEqual(first);
    expect(api.refunds.size).toBe(1);
  });

  it("answers failed when Stripe refuses the request (already refunded, too much)", async () => {
    const gatewayReference = await paidSession();
    const base = { paymentId: "pay_01jdtest000001", gatewayReference };
    expect(await gateway.refund({ ...base, amount: { amount: 5000, currency: "EUR" }, refundId: "rfd_01jdtest000001" })).toEqual({
      status: "failed",
      reason: "Refund amount (5000) is greater than unrefunded amount on charge (1999)",
    });
    expect(await gateway.refund({ ...base, amount: { amount: 1999, currency: "EUR" }, refundId: "rfd_01jdtest000002" })).toMatchObject({ status: "refunded" });
    expect(await gateway.refund({ ...base, amount: { amount: 1, currency: "EUR" }, refundId: "rfd_01jdtest000003" })).toEqual({
      status: "failed",
      reason: expect.stringMatching(/has already been refunded/),
    });
  });

  it("answers failed, without asking for a refund, for an unpaid session, another currency or another payment's session", async () => {
    const { gatewayReference } = await gateway.startPayment(payment());
    const request = { paymentId: "pay_01jdtest000001", gatewayReference, amount: { amount: 500, currency: "EUR" }, refundId: "rfd_01jdtest000001" };
    expect(await gateway.refund(request)).toEqual({ status: "failed", reason: `checkout session ${gatewayReference} has no settled payment to refund` });

    api.markPaid(gatewayReference);
    expect(await gateway.refund({ ...request, amount: { amount: 500, currency: "USD" } })).toEqual({
      status: "failed",
      reason: "refund in USD of a payment in EUR",
    });
    expect(await gateway.refund({ ...request, paymentId: "pay_01jdtest000009" })).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/does not belong to payment/),
    });
    expect(await gateway.refund({ ...request, gatewayReference: "cs_test_nowhere" })).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/No such checkout.session/),
    });
    expect(api.requestsTo("POST", "/v1/refunds")).toHaveLength(0);
  });

  it("throws on a fault so the core retries: 500s or no answer", async () => {
    const gatewayReference = await paidSession();
    const request = { paymentId: "pay_01jdtest000001", gatewayReference, amount: { amount: 500, currency: "EUR" }, refundId: "rfd_01jdtest000001" };
    api.failNext(2);
    await expect(gateway.refund(request)).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);

    gateway = makeGateway({ timeoutMs: 300 });
    api.delayNext(2, Infinity);
    await expect(gateway.refund(request)).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(api.refunds.size).toBe(0);

    // The retry the core makes later with the same refund id goes through once.
    expect(await gateway.refund(request)).toMatchObject({ status: "refunded" });
    expect(api.refunds.size).toBe(1);
  });
});
