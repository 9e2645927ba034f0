import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { balanceAndSum, post } from "../support/ledger-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";

let t: TestCabinet;
let gateway: TestGateway;
beforeAll(async () => {
  gateway = new TestGateway();
  t = await startTestCabinet({ plugins: [testGatewayPlugin(gateway)], config: { plugins: [{ name: "payment-testpay", options: {} }] } });
});
afterAll(() => t.close());
beforeEach(() => {
  gateway.nextStart = "redirect";
});

const returnUrl = "http://localhost:8080/billing";
let eventCounter = 0;

async function webhook(
  event: { paymentId: string; result: "succeeded" | "failed" | "refunded"; amount?: { amount: number; currency: string }; id?: string },
  sign = true,
) {
  const body = JSON.stringify({ id: event.id ?? `evt_${++eventCounter}`, ...event });
  return t.request("POST", "/api/v1/webhooks/testpay", { rawBody: body, headers: { "x-test-signature": sign ? gateway.sign(body) : "forged" } });
}

async function issueInvoice(accountId: string, amounts: number[]) {
  const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
  return inTransaction(t.cabinet.db, (trx) =>
    t.cabinet.container.resolve(IssueInvoice).execute(trx, {
      brand,
      accountId,
      currency: "USD",
      purpose: "order",
      lines: amounts.map((unitAmount, i) => ({ description: `Line ${i + 1}`, quantity: 1, unitAmount, serviceId: null })),
    }),
  );
}

describe("a top-up through a gateway", () => {
  it("is stored pending before the gateway is asked, and credited once when its webhook arrives", async () => {
    const { accountId, token } = await t.signUp();
    const started = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount: 2500, returnUrl } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: "pending", amount: { amount: 2500, currency: "USD" }, purpose: "top_up", nextAction: { kind: "redirect" } });
    expect(gateway.started.at(-1)).toMatchObject({ paymentId: started.body.id, amount: { amount: 2500, currency: "USD" }, returnUrl, cancelUrl: returnUrl });
    // The gateway's page speaks the client's language: the one /me reports for them.
    const me = await t.request("GET", "/api/v1/me", { token });
    expect(gateway.started.at(-1)?.locale).toBe(me.body.user.locale ?? me.body.account.locale);
    expect(gateway.started.at(-1)?.locale).toMatch(/^(en|ru)$/);

    const paymentId = started.body.id;
    const delivered = await webhook({ paymentId, result: "succeeded", amount: { amount: 2500, currency: "USD" }, id: `evt_topup_${paymentId}` });
    expect(delivered.body).toEqual({ received: true, outcome: "succeeded" });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2500, sum: 2500 });

    // The same delivery again, a second event saying the same, and a late "failed": nothing changes.
    expect((await webhook({ paymentId, result: "succeeded", id: `evt_topup_${paymentId}` })).body.outcome).toBe("duplicate");
    expect((await webhook({ paymentId, result: "succeeded", amount: { amount: 2500, currency: "USD" } })).body.outcome).toBe("unchanged");
    expect((await webhook({ paymentId, result: "failed" })).body.outcome).toBe("unchanged");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2500, sum: 2500 });
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body).toMatchObject({
      status: "succeeded",
      received: { amount: 2500 },
      nextAction: null,
    });
  });

  it("credits once when many copies of a webhook arrive at the same moment", async () => {
    const { accountId, token } = await t.signUp();
    const { id: paymentId } = (await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount: 1000, returnUrl } })).body;
    const answers = await Promise.all(Array.from({ length: 12 }, () => webhook({ paymentId, result: "succeeded", id: `evt_storm_${paymentId}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(answers.filter((a) => a.body.outcome === "succeeded")).toHaveLength(1);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 1000, sum: 1000 });
  });

  it("asks the gateway, not the return URL, when the client comes back", async () => {
    const { accountId, token } = await t.signUp();
    const { id: paymentId } = (await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount: 900, returnUrl } })).body;
    expect((await t.request("GET", `/api/v1/payments/${paymentId}?status=succeeded`, { token })).status).toBe(400);
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body.status).toBe("pending");
    gateway.status.set(`ref_${paymentId}`, "succeeded");
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body.status).toBe("succeeded");
    // And the webhook that follows finds it settled.
    expect((await webhook({ paymentId, result: "succeeded" })).body.outcome).toBe("unchanged");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 900, sum: 900 });
  });

  it("shows a declined payment as failed and credits nothing", async () => {
    const { accountId, token } = await t.signUp();
    const { id: paymentId } = (await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount: 900, returnUrl } })).body;
    expect((await webhook({ paymentId, result: "failed" })).body.outcome).toBe("failed");
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body).toMatchObject({ status: "failed", failureReason: "declined" });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
  });

  it("keeps a payment the gateway did not answer pending (502), so a late webhook still credits it", async () => {
    const { accountId, token } = await t.signUp();
    gateway.nextStart = "throw";
    const response = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount: 700, returnUrl } });
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe("CAB_ERR_GATEWAY_UNAVAILABLE");
    const paymentId = response.body.error.details.paymentId;
    expect((await t.request("GET", `/api/v1/payments/${paymentId}`, { token })).body.status).toBe("pending");
    expect((await webhook({ paymentId, result: "succeeded" })).body.outcome).toBe("succeeded");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 700, sum: 700 });
  });

  it("answers a refusal with 422 and leaves the payment failed", async () => {
    const { token } = await t.signUp();
    gateway.nextStart = "refused";
    const response = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount: 700, returnUrl } });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: "CAB_ERR_PAYMENT_REFUSED", details: { reason: "amount below the gateway's minimum" } });
    expect((await t.request("GET", `/api/v1/payments/${response.body.error.details.paymentId}`, { token })).body.status).toBe("failed");
  });

  it("refuses bad amounts, unknown gateways and foreign return addresses, writing nothing", async () => {
    const { token } = await t.signUp();
    const cases: [unknown, string][] = [
      [{ gateway: "testpay", amount: 0, returnUrl }, "/amount"],
      [{ gateway: "testpay", amount: -100, returnUrl }, "/amount"],
      [{ gateway: "testpay", amount: 10.5, returnUrl }, "/amount"],
      [{ gateway: "testpay", amount: 1e15, returnUrl }, "/amount"],
      [{ gateway: "testpay", amount: "100", returnUrl }, "/amount"],
      [{ gateway: "testpay", amount: 499, returnUrl }, "/amount"], // below the brand's minimum
      [{ gateway: "testpay", amount: 500_001, returnUrl }, "/amount"], // above its maximum
      [{ gateway: "nopay", amount: 1000, returnUrl }, "/gateway"],
      [{ gateway: "testpay", amount: 1000, returnUrl: "https://evil.example/steal" }, "/returnUrl"],
      [{ gateway: "testpay", amount: 1000, returnUrl: "javascript:alert(1)" }, "/returnUrl"],
      [{ gateway: "testpay", returnUrl }, "/"],
      [{ gateway: "testpay", amount: 1000, currency: "EUR", returnUrl }, "/currency"],
    ];
    for (const [body, path] of cases) {
      const response = await t.request("POST", "/api/v1/payments", { token, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(
        response.body.error.details.errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect((await t.request("GET", "/api/v1/payments", { token })).body.items).toEqual([]);
  });
});

describe("webhooks", () => {
  it("refuses a forged signature with 400 and changes nothing", async () => {
    const { accountId, token } = await t.signUp();
    const { id: paymentId } = (await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount: 800, returnUrl } })).body;
    const forged = await webhook({ paymentId, result: "succeeded" }, false);
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe("CAB_ERR_WEBHOOK_REJECTED");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
  });

  it("acknowledges an event for an unknown payment without crediting anyone", async () => {
    const response = await webhook({ paymentId: "pay_01m8a0000000000000000000", result: "succeeded" });
    expect(response.body).toEqual({ received: true, outcome: "unknown_payment" });
    expect((await t.request("POST", "/api/v1/webhooks/nosuch", { rawBody: "{}" })).status).toBe(404);
  });
});

describe("invoices", () => {
  it("are numbered per brand and year without gaps or repeats, even when issued at once", async () => {
    const { accountId } = await t.signUp();
    const issued = await Promise.all(Array.from({ length: 15 }, () => issueInvoice(accountId, [1000])));
    const numbers = issued.map((i) => Number(i.number.split("-").at(-1))).sort((a, b) => a - b);
    const first = numbers[0];
    expect(numbers).toEqual(Array.from({ length: 15 }, (_, i) => first + i));
    expect(issued[0].number).toMatch(/^NW-2026-\d{6}$/);
  });

  it("give a number back when the transaction that took it rolls back", async () => {
    const { accountId } = await t.signUp();
    const before = await issueInvoice(accountId, [100]);
    const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
    await expect(
      inTransaction(t.cabinet.db, async (trx) => {
        await t.cabinet.container
          .resolve(IssueInvoice)
          .execute(trx, { brand, accountId, currency: "USD", purpose: "order", lines: [{ description: "x", quantity: 1, unitAmount: 5, serviceId: null }] });
        throw new Error("the order failed after the invoice");
      }),
    ).rejects.toThrow();
    const after = await issueInvoice(accountId, [100]);
    expect(Number(after.number.slice(-6))).toBe(Number(before.number.slice(-6)) + 1);
  });

  it("carry VAT included in the lines: subtotal + tax = total = sum of lines", async () => {
    const { accountId, token } = await t.signUp();
    const invoice = await issueInvoice(accountId, [1210, 999]);
    const view = (await t.request("GET", `/api/v1/invoices/${invoice.id}`, { token })).body;
    expect(view.total.amount).toBe(2209);
    expect(view.subtotal.amount + view.tax.amount).toBe(2209);
    expect(view.tax.amount).toBe(383); // 2209 × 21 / 121 = 383.38
    expect(view.lines.map((l: { amount: { amount: number } }) => l.amount.amount)).toEqual([1210, 999]);
  });

  it("are paid from the balance once, however often the client clicks; a short balance answers 402", async () => {
    const { accountId, token } = await t.signUp();
    const invoice = await issueInvoice(accountId, [3000]);
    const short = await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token });
    expect(short.status).toBe(402);
    expect(short.body.error).toMatchObject({ code: "CAB_ERR_INSUFFICIENT_FUNDS", details: { required: { amount: 3000 }, available: { amount: 0 } } });
    await post(t, { accountId, amount: 5000 });
    const clicks = await Promise.all(Array.from({ length: 5 }, () => t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token })));
    expect(clicks.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    expect(clicks.every((c) => c.body.status === "paid")).toBe(true);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2000, sum: 2000 });
  });

  it("can all be paid in one gateway payment, which credits and charges them in one go", async () => {
    const { accountId, token } = await t.signUp();
    const a = await issueInvoice(accountId, [1500]);
    const b = await issueInvoice(accountId, [2500]);
    const open = (await t.request("GET", "/api/v1/invoices?status=issued", { token })).body.items.map((i: { id: string }) => i.id);
    const started = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", invoiceIds: open, returnUrl } });
    expect(started.body).toMatchObject({ amount: { amount: 4000 }, purpose: "invoices" });
    await webhook({ paymentId: started.body.id, result: "succeeded" });
    for (const id of [a.id, b.id]) expect((await t.request("GET", `/api/v1/invoices/${id}`, { token })).body.status).toBe("paid");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
    const kinds = (await t.request("GET", "/api/v1/ledger", { token })).body.items.map(
      (e: { kind: string; amount: { amount: number } }) => `${e.kind}:${e.amount.amount}`,
    );
    expect(kinds.sort()).toEqual(["charge:-1500", "charge:-2500", "payment:4000"]);
  });

  it("paid in another way meanwhile leave the gateway's money on the balance", async () => {
    const { accountId, token } = await t.signUp();
    const invoice = await issueInvoice(accountId, [1000]);
    const started = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", invoiceIds: [invoice.id], returnUrl } });
    await post(t, { accountId, amount: 1000 });
    await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token });
    await webhook({ paymentId: started.body.id, result: "succeeded" });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 1000, sum: 1000 });
  });

  it("of another account answer 404, and cannot be paid by it", async () => {
    const owner = await t.signUp();
    const stranger = await t.signUp();
    const invoice = await issueInvoice(owner.accountId, [1000]);
    expect((await t.request("GET", `/api/v1/invoices/${invoice.id}`, { token: stranger.token })).status).toBe(404);
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: stranger.token })).status).toBe(404);
    const pay = await t.request("POST", "/api/v1/payments", { token: stranger.token, body: { gateway: "testpay", invoiceIds: [invoice.id], returnUrl } });
    expect(pay.status).toBe(404);
    expect((await t.request("GET", "/api/v1/invoices", { token: stranger.token })).body.items).toEqual([]);
  });
});
