import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import bankTransferPlugin, { transferReference } from "../src/index.js";
import { inTransaction } from "../../../core/src/db/transaction.js";
import { BrandDirectory } from "../../../core/src/modules/brands/brand-directory.js";
import { IssueInvoice } from "../../../core/src/modules/invoices/issue-invoice.js";
import { balanceAndSum } from "../../../core/test/support/ledger-helpers.js";
import { signInStaff, warmPool } from "../../../core/test/support/staff-helpers.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../../../core/test/support/test-gateway.js";

// A bank transfer end to end, through the real plugin in a real core: the client is told where
// to send the money, staff find the transfer by its reference and confirm what arrived.

let t: TestCabinet;
let finance: string;
beforeAll(async () => {
  t = await startTestCabinet({
    plugins: [bankTransferPlugin, testGatewayPlugin(new TestGateway())],
    config: {
      plugins: [
        { name: "payment-bank-transfer", options: {} },
        { name: "payment-testpay", options: {} },
      ],
    },
  });
  finance = (await signInStaff(t, "finance")).token;
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

async function client() {
  const c = await t.signUp();
  touched.add(c.accountId);
  return c;
}

async function issueInvoice(accountId: string, total: number) {
  const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
  return inTransaction(t.cabinet.db, (trx) =>
    t.cabinet.container
      .resolve(IssueInvoice)
      .execute(trx, { brand, accountId, currency: "USD", purpose: "order", lines: [{ description: "VPS", quantity: 1, unitAmount: total, serviceId: null }] }),
  );
}

async function transfer(token: string, body: { amount?: number; invoiceIds?: string[] }) {
  const response = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "bank-transfer", returnUrl, ...body } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const confirm = (paymentId: string, receivedAmount: number, token = finance) =>
  t.request("POST", `/api/v1/staff/payments/${paymentId}/confirm-transfer`, { token, body: { receivedAmount } });
const invoiceStatus = async (token: string, id: string) => (await t.request("GET", `/api/v1/invoices/${id}`, { token })).body.status;

describe("a bank transfer", () => {
  it("is offered to clients and tells them the brand's IBAN and a reference to quote", async () => {
    const { token } = await client();
    expect((await t.request("GET", "/api/v1/payments/gateways", { token })).body.items).toContainEqual({ id: "bank-transfer", displayName: "Bank transfer" });
    const payment = await transfer(token, { amount: 2500 });
    const reference = transferReference("NW", payment.id);
    expect(payment).toMatchObject({
      status: "pending",
      gateway: "bank-transfer",
      nextAction: {
        kind: "instructions",
        gatewayReference: reference,
        details: { beneficiary: "Northwind Hosting B.V.", iban: "NL91ABNA0417164300", bic: "ABNANL2A", bank: "Demo Bank N.V.", reference, amount: "25.00 USD" },
      },
    });
    expect(payment.nextAction.text).toContain(reference);
    // Nothing but staff settles it: no webhook is believed, and asking the gateway says pending.
    expect(
      (await t.request("POST", "/api/v1/webhooks/bank-transfer", { rawBody: JSON.stringify({ paymentId: payment.id, result: "succeeded" }) })).status,
    ).toBe(400);
    expect((await t.request("GET", `/api/v1/payments/${payment.id}`, { token })).body.status).toBe("pending");
  });

  it("is found by staff among pending transfers and by the reference the client quoted, in any letter case", async () => {
    const { token, accountId } = await client();
    const payment = await transfer(token, { amount: 1000 });
    const pending = await t.request("GET", "/api/v1/staff/payments?status=pending&gateway=bank-transfer&limit=100", { token: finance });
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((p: { id: string }) => p.id)).toContain(payment.id);
    expect(pending.body.items.every((p: { status: string; gateway: string }) => p.status === "pending" && p.gateway === "bank-transfer")).toBe(true);
    const reference = transferReference("NW", payment.id);
    for (const quoted of [reference, reference.toLowerCase(), ` ${reference} `]) {
      const found = await t.request("GET", `/api/v1/staff/payments?reference=${encodeURIComponent(quoted)}`, { token: finance });
      expect(found.body.items, quoted).toMatchObject([{ id: payment.id, accountId, reference, refundsByHand: true, amount: { amount: 1000 } }]);
    }
  });

  it("confirmed in full credits the balance once; a second confirmation answers 409 with the payment as it is", async () => {
    const { token, accountId } = await client();
    const payment = await transfer(token, { amount: 2500 });
    const confirmed = await confirm(payment.id, 2500);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: payment.id, status: "succeeded", received: { amount: 2500, currency: "USD" } });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2500, sum: 2500 });

    const again = await confirm(payment.id, 2500);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: "CAB_ERR_CONFLICT",
      details: { payment: { id: payment.id, status: "succeeded", received: { amount: 2500 } } },
    });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2500, sum: 2500 });
    expect((await t.request("GET", `/api/v1/payments/${payment.id}`, { token })).body).toMatchObject({ status: "succeeded", nextAction: null });
  });

  it("confirmed short pays the invoices it covers and leaves the rest open", async () => {
    const { token, accountId } = await client();
    const a = await issueInvoice(accountId, 1500);
    const b = await issueInvoice(accountId, 2500);
    const payment = await transfer(token, { invoiceIds: [a.id, b.id] });
    expect(payment.amount.amount).toBe(4000);
    const confirmed = await confirm(payment.id, 2000);
    expect(confirmed.body).toMatchObject({ status: "succeeded", amount: { amount: 4000 }, received: { amount: 2000 } });
    expect(await invoiceStatus(token, a.id)).toBe("paid");
    expect(await invoiceStatus(token, b.id)).toBe("issued");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 500, sum: 500 });
    const entries = (await t.request("GET", "/api/v1/ledger", { token })).body.items.map(
      (e: { kind: string; amount: { amount: number } }) => `${e.kind}:${e.amount.amount}`,
    );
    expect(entries.sort()).toEqual(["charge:-1500", "payment:2000"]);
  });

  it("confirmed over pays the invoices and leaves the rest on the balance", async () => {
    const { token, accountId } = await client();
    const invoice = await issueInvoice(accountId, 1000);
    const payment = await transfer(token, { invoiceIds: [invoice.id] });
    expect((await confirm(payment.id, 1500)).body.received.amount).toBe(1500);
    expect(await invoiceStatus(token, invoice.id)).toBe("paid");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 500, sum: 500 });
  });

  it("confirmed by several staff at once is credited once", async () => {
    const { token, accountId } = await client();
    const invoice = await issueInvoice(accountId, 1800);
    const payment = await transfer(token, { invoiceIds: [invoice.id] });
    const others = await Promise.all([signInStaff(t, "finance"), signInStaff(t, "admin")]);
    const tokens = [finance, ...others.map((o) => o.token)];
    await warmPool(t);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => confirm(payment.id, 1800, tokens[i % tokens.length])));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await invoiceStatus(token, invoice.id)).toBe("paid");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
    expect(await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "payment" })).toHaveLength(1);
  });

  it("is refunded by hand: recorded at once, the money sent by staff", async () => {
    const { token, accountId } = await client();
    const payment = await transfer(token, { amount: 3000 });
    await confirm(payment.id, 3000);
    const refund = await t.request("POST", `/api/v1/staff/payments/${payment.id}/refunds`, {
      token: finance,
      headers: { "idempotency-key": randomUUID() },
      body: { amount: 1000, reason: "double transfer" },
    });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ status: "refunded", gatewayReference: null, amount: { amount: 1000 } });
    expect((await t.request("GET", `/api/v1/staff/payments/${payment.id}`, { token: finance })).body).toMatchObject({
      refundsByHand: true,
      refunded: { amount: 1000 },
    });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 2000, sum: 2000 });
  });

  it("cannot be confirmed by support staff (403) nor by another brand's staff (404)", async () => {
    const { token } = await client();
    const payment = await transfer(token, { amount: 1000 });
    const support = await signInStaff(t, "support");
    expect((await confirm(payment.id, 1000, support.token)).status).toBe(403);
    await addBrand(t, "elsewhere");
    const stranger = await signInStaff(t, "admin", "elsewhere");
    const response = await t.request("POST", `/api/v1/staff/payments/${payment.id}/confirm-transfer`, {
      token: stranger.token,
      body: { receivedAmount: 1000 },
      headers: { "x-cabinet-brand": "elsewhere" },
    });
    expect(response.status).toBe(404);
    expect((await t.request("GET", `/api/v1/payments/${payment.id}`, { token })).body.status).toBe("pending");
  });

  it("is the only kind of payment staff confirm: a card payment answers 422", async () => {
    const { token } = await client();
    const card = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount: 1000, returnUrl } });
    const response = await confirm(card.body.id, 1000);
    expect(response.status).toBe(422);
    expect(response.body.error.details.reason).toBe("not a transfer");
  });

  it("is refused (422) by a brand without bank details", async () => {
    await addBrand(t, "nobank");
    const signUp = await t.signUp("nobank@example.org", { headers: { "x-cabinet-brand": "nobank" }, name: "N" });
    const response = await t.request("POST", "/api/v1/payments", {
      token: signUp.token,
      body: { gateway: "bank-transfer", amount: 1000, returnUrl: `${t.cabinet.config.http.publicUrl}/billing` },
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: "CAB_ERR_PAYMENT_REFUSED", details: { reason: "the provider has no bank details for transfers" } });
  });

  it("refuses a received amount that is not a positive whole number of minor units", async () => {
    const { token } = await client();
    const payment = await transfer(token, { amount: 1000 });
    for (const receivedAmount of [0, -5, 10.5, "1000", 1e15]) {
      expect(
        (await t.request("POST", `/api/v1/staff/payments/${payment.id}/confirm-transfer`, { token: finance, body: { receivedAmount } })).status,
        String(receivedAmount),
      ).toBe(400);
    }
    expect((await t.request("GET", `/api/v1/payments/${payment.id}`, { token })).body.status).toBe("pending");
  });
});
