import { afterEach, describe, expect, it } from "vitest";
import { createCabinet, PluginError, type Cabinet } from "@cabinet/core";
import stripePlugin, { StripeGateway } from "../src/index.js";
import { FakeStripeApi } from "./fake-stripe-api.js";

const quiet = { env: "test" as const, log: { level: "silent" as const }, database: { url: "sqlite::memory:" } };
const good = { secretKey: "sk_test_fake_0123456789", webhookSecret: "whsec_test_0123456789abcdef" };

async function refusal(options: Record<string, unknown>): Promise<string> {
  try {
    const cabinet = await createCabinet({ ...quiet, plugins: [{ name: "payment-stripe", options }] }, { plugins: [stripePlugin] });
    await cabinet.stop();
  } catch (error) {
    expect(error).toBeInstanceOf(PluginError);
    return (error as Error).message;
  }
  throw new Error("start-up was not refused");
}

describe("the payment-stripe plugin", () => {
  let cabinet: Cabinet | undefined;
  let api: FakeStripeApi | undefined;
  afterEach(async () => {
    await cabinet?.stop();
    await api?.close();
    cabinet = api = undefined;
  });

  it("refuses to start with bad options, naming the field", async () => {
    expect(await refusal({ webhookSecret: good.webhookSecret })).toBe('Plugin "payment-stripe" options: secretKey is required');
    expect(await refusal({ secretKey: good.secretKey })).toBe('Plugin "payment-stripe" options: webhookSecret is required');
    // A publishable key is the usual slip: it cannot create sessions.
    expect(await refusal({ ...good, secretKey: "pk_test_0123456789" })).toBe('Plugin "payment-stripe" options: secretKey must match pattern "^sk_"');
    expect(await refusal({ ...good, webhookSecret: "0123456789abcdef" })).toBe('Plugin "payment-stripe" options: webhookSecret must match pattern "^whsec_"');
    expect(await refusal({ ...good, apiProtocol: "ftp" })).toBe('Plugin "payment-stripe" options: apiProtocol must be equal to one of the allowed values');
    expect(await refusal({ ...good, apiPort: 70_000 })).toBe('Plugin "payment-stripe" options: apiPort must be <= 65535');
    expect(await refusal({ ...good, timeoutMs: "fast" })).toBe('Plugin "payment-stripe" options: timeoutMs must be integer');
    expect(await refusal({ ...good, secretkey: "typo" })).toBe('Plugin "payment-stripe" options: secretkey is not a known option');
  });

  it('with good options registers its gateway as payment-gateway "stripe", which talks to the configured API', async () => {
    api = await FakeStripeApi.start(good.secretKey);
    cabinet = await createCabinet({ ...quiet, plugins: [{ name: "payment-stripe", options: { ...good, ...api.clientOptions } }] }, { plugins: [stripePlugin] });

    const gateway = cabinet.extensions.get("payment-gateway", "stripe");
    expect(gateway).toBeInstanceOf(StripeGateway);
    expect(gateway?.displayName).toBe("Card (Stripe)");
    expect(cabinet.extensions.list("payment-gateway")).toHaveLength(1);

    const start = await gateway!.startPayment({
      paymentId: "pay_01jdtest000001",
      accountId: "acc_01jdtest000001",
      amount: { amount: 500, currency: "USD" },
      description: "Domain renewal",
      returnUrl: "https://my.example.com/return",
    });
    expect(start.gatewayReference).toMatch(/^cs_test_/);
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${good.secretKey}`);
  });
});
