import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCabinet, PluginError } from "@cabinet/core";
import { balanceAndSum } from "../../../core/test/support/ledger-helpers.js";
import { startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import sandbox, { signWebhook } from "../src/index.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({
    plugins: [sandbox],
    config: { plugins: [{ name: "payment-sandbox", options: { webhookSecret: "a-test-secret-of-some-length" } }] },
  });
});
afterAll(() => t.close());

const returnUrl = "http://localhost:8080/billing";
const form = { "content-type": "application/x-www-form-urlencoded" };

async function checkout(token: string, amount: number) {
  const started = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "sandbox", amount, returnUrl } });
  expect(started.status).toBe(201);
  const url = new URL(started.body.nextAction.url);
  expect(url.origin).toBe(t.url.replace("127.0.0.1", "localhost"));
  return { paymentId: started.body.id as string, path: url.pathname };
}

describe("the sandbox checkout", () => {
  it("takes the success card, tells the core by a signed webhook, and sends the client back", async () => {
    const { accountId, token } = await t.signUp();
    const { paymentId, path } = await checkout(token, 2500);
    const page = await t.request("GET", path);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.body).toContain("$25.00");
    expect(page.body).toContain("4242 4242 4242 4242");
    expect(page.body).toContain(`action="${path}/pay"`);
    expect(page.body).toContain(`href="${path}/cancel"`);

    const paid = await t.request("POST", `${path}/pay`, { rawBody: "card=4242+4242+4242+4242&expiry=12%2F34&cvc=123", headers: form });
    expect(paid.status).toBe(302);
    expect(paid.headers.get("location")).toBe(`${returnUrl}?payment=${paymentId}`);
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body.status).toBe("succeeded");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2500, sum: 2500 });

    // Submitting again (a double click, the back button) shows it closed and pays nothing more.
    const again = await t.request("POST", `${path}/pay`, { rawBody: "card=4242424242424242", headers: form });
    expect(again.body).toContain("This checkout is closed");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2500, sum: 2500 });
  });

  it("declines the decline card: the payment fails, nothing is credited", async () => {
    const { accountId, token } = await t.signUp();
    const { paymentId, path } = await checkout(token, 1000);
    await t.request("POST", `${path}/pay`, { rawBody: "card=4000000000000002", headers: form });
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body).toMatchObject({ status: "failed", failureReason: "declined" });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
  });

  it("asks for a confirmation with the 3-D Secure card, and pays only once confirmed", async () => {
    const { accountId, token } = await t.signUp();
    const { paymentId, path } = await checkout(token, 1200);
    const pay = await t.request("POST", `${path}/pay`, { rawBody: "card=4000002760003184", headers: form });
    expect(pay.status).toBe(302);
    // Where the browser goes next, and where the confirmation form posts: this checkout's own pages.
    expect(pay.headers.get("location")).toBe(path);
    const confirmPage = (await t.request("GET", pay.headers.get("location")!)).body as string;
    expect(confirmPage).toContain("Confirm this payment");
    expect(confirmPage).toContain(`action="${path}/confirm"`);
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body.status).toBe("pending");
    await t.request("POST", `${path}/confirm`, { rawBody: "answer=confirm", headers: form });
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body.status).toBe("succeeded");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 1200, sum: 1200 });
  });

  it("asks again for a card it does not know, and goes back on cancel", async () => {
    const { token } = await t.signUp();
    const { paymentId, path } = await checkout(token, 800);
    const wrong = await t.request("POST", `${path}/pay`, { rawBody: "card=1234", headers: form });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain("Use one of the test cards");
    const cancel = await t.request("GET", `${path}/cancel`);
    expect(cancel.headers.get("location")).toBe(`${returnUrl}?payment=${paymentId}`);
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body.status).toBe("pending");
  });

  it("escapes what it prints", async () => {
    const { token } = await t.signUp();
    const { path } = await checkout(token, 800);
    const wrong = await t.request("GET", `${path}?x=<script>`);
    expect(wrong.body).not.toContain("<script>");
    expect(wrong.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
  });
});

describe("sandbox webhooks", () => {
  it("are refused when forged or stale", async () => {
    const { token } = await t.signUp();
    const { paymentId } = await checkout(token, 900);
    const body = JSON.stringify({ id: "sbe_forged", type: "checkout.succeeded", checkoutId: "sbx_x", paymentId, amount: { amount: 900, currency: "USD" } });
    const forged = await t.request("POST", "/api/v1/webhooks/sandbox", {
      rawBody: body,
      headers: { "sandbox-signature": signWebhook(body, "not-the-secret-at-all", Math.floor(t.clock.now() / 1000)) },
    });
    expect(forged.status).toBe(400);
    const stale = await t.request("POST", "/api/v1/webhooks/sandbox", {
      rawBody: body,
      headers: { "sandbox-signature": signWebhook(body, "a-test-secret-of-some-length", Math.floor(t.clock.now() / 1000) - 301) },
    });
    expect(stale.status).toBe(400);
    expect(stale.body.error.details.reason).toBe("timestamp outside the tolerance");
    const missing = await t.request("POST", "/api/v1/webhooks/sandbox", { rawBody: body });
    expect(missing.status).toBe(400);
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body.status).toBe("pending");
  });
});

describe("the plugin", () => {
  it("refuses to run in production unless told to", async () => {
    const start = createCabinet(
      { env: "production", log: { level: "silent" }, database: { url: "sqlite::memory:" }, plugins: [{ name: "payment-sandbox", options: {} }] },
      { plugins: [sandbox] },
    );
    await expect(start).rejects.toThrow(/^Plugin "payment-sandbox" failed in register: .*test gateway and refuses to run with env "production"/);
    await expect(start).rejects.toBeInstanceOf(PluginError);
  });
});
