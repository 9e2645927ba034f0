import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { balanceAndSum } from "../../../core/test/support/ledger-helpers.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import stripePlugin from "../src/index.js";
import { FakeStripeApi } from "./fake-stripe-api.js";

// The whole path a Stripe top-up takes: the core's payment API, the plugin, Stripe's API
// (a local stand-in), and Stripe's signed webhook arriving at the core's endpoint.
const WEBHOOK_SECRET = "whsec_test_through_the_core";
let api: FakeStripeApi;
let t: TestCabinet;

beforeAll(async () => {
  api = await FakeStripeApi.start();
  t = await startTestCabinet({
    plugins: [stripePlugin],
    config: {
      plugins: [{ name: "payment-stripe", options: { secretKey: api.secretKey, webhookSecret: WEBHOOK_SECRET, ...api.clientOptions, timeoutMs: 2000 } }],
    },
  });
});
afterAll(async () => {
  await t.close();
  await api.close();
});

function stripeWebhook(
  session: { id: string; amount_total: number; currency: string; metadata: Record<string, string> },
  id: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const payload = JSON.stringify({
    id,
    object: "event",
    type: "checkout.session.completed",
    api_version: "2025-01-01",
    created: timestamp,
    livemode: false,
    data: { object: { ...session, object: "checkout.session", payment_status: "paid", status: "complete" } },
  });
  return t.request("POST", "/api/v1/webhooks/stripe", {
    rawBody: payload,
    headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp }) },
  });
}

describe("a Stripe top-up through the core", () => {
  it("opens a Checkout Session for the payment and credits the balance once from Stripe's webhook", async () => {
    const { accountId, token } = await t.signUp();
    const started = await t.request("POST", "/api/v1/payments", {
      token,
      body: { gateway: "stripe", amount: 4200, returnUrl: "http://localhost:8080/billing" },
    });
    expect(started.status).toBe(201);
    expect(started.body.nextAction).toMatchObject({ kind: "redirect", gatewayReference: expect.stringMatching(/^cs_test_/) });
    const session = api.sessions.get(started.body.nextAction.gatewayReference)!;
    expect(session.metadata).toMatchObject({ payment_id: started.body.id, account_id: accountId });

    const first = await stripeWebhook(session as never, "evt_core_1");
    expect(first.body).toEqual({ received: true, outcome: "succeeded" });
    expect((await stripeWebhook(session as never, "evt_core_1")).body.outcome).toBe("duplicate");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 4200, sum: 4200 });

    const stale = await stripeWebhook(session as never, "evt_core_2", Math.floor(Date.now() / 1000) - 301);
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe("CAB_ERR_WEBHOOK_REJECTED");
  });

  it("settles from Stripe's own answer when the client returns before the webhook", async () => {
    const { accountId, token } = await t.signUp();
    const started = await t.request("POST", "/api/v1/payments", {
      token,
      body: { gateway: "stripe", amount: 1500, returnUrl: "http://localhost:8080/billing" },
    });
    expect((await t.request("GET", `/api/v1/payments/${started.body.id}`, { token })).body.status).toBe("pending");
    api.markPaid(started.body.nextAction.gatewayReference);
    expect((await t.request("GET", `/api/v1/payments/${started.body.id}`, { token })).body.status).toBe("succeeded");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 1500, sum: 1500 });
  });
});
