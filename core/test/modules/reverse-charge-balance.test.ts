// Issue 13: a reverse-charge payer (an EU business in another EU country than the brand's) is
// charged the net price from the balance as well — an order, a renewal (one by one and the
// billing run's batch), an upgrade — exactly what the invoice they would have got asks. The demo
// brand is Dutch and its prices include 21 % VAT: 18.00 is 14.88 without it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { PayerPrices } from "../../src/modules/services/payer-prices.js";
import { BrandDirectory } from "../../src/modules/brands/index.js";
import { RunBilling } from "../../src/modules/services/run-billing.js";
import { prorate } from "../../src/modules/services/service-period.js";
import { withoutVat } from "../../src/modules/payers/payer.js";
import { addServices, DAY } from "../support/billing-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, balanceOf, demoProduct } from "../support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
  t.clock.current = Date.parse("2026-10-10T10:00:00Z");
});
afterAll(() => t.close());

type Client = Awaited<ReturnType<TestCabinet["signUp"]>>;
const german = { kind: "company", name: "Beispiel GmbH", address: "Torstraße 1, Berlin", country: "DE", vatNumber: "DE123456789" };
const dutch = { kind: "individual", name: "Jan de Vries", address: "Damrak 1, Amsterdam", country: "NL" };

async function addPayer(client: Client, body: Record<string, unknown>): Promise<string> {
  const created = await t.request("POST", "/api/v1/payers", { token: client.token, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

/** A client whose default payer is a Dutch person, with a German company besides. */
async function client() {
  const c = await t.signUp();
  const home = await addPayer(c, dutch);
  const business = await addPayer(c, german);
  return { ...c, home, business };
}

const charges = async (accountId: string) =>
  (await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "charge" }).orderBy("created_at").orderBy("id")).map((e) => ({
    amount: Number(e.amount),
    reference: e.reference_id as string,
    description: e.description as string,
  }));
const placeOrder = (c: Client, productId: string, payerId: string, key: string) =>
  t.request("POST", "/api/v1/orders", {
    token: c.token,
    body: { items: [{ productId, periodMonths: 1, label: key }], payerId },
    headers: { "idempotency-key": key },
  });

describe("a reverse-charge payer paying from the balance", () => {
  it("orders at the net price its invoice would total, and its act holds no VAT", async () => {
    const product = await addProduct(t, { prices: [{ currency: "USD", periodMonths: 1, amount: 1800, setupFee: 0 }] });
    // What the invoice of an order the balance does not cover asks of the same payer.
    const unpaid = await client();
    const awaiting = await placeOrder(unpaid, product.id, unpaid.business, "rc-invoiced");
    expect(awaiting.body.status).toBe("awaiting_payment");
    const invoice = (await t.request("GET", `/api/v1/invoices/${awaiting.body.invoiceId}`, { token: unpaid.token })).body;
    expect(invoice.total.amount).toBe(1488);

    const c = await client();
    await post(t, { accountId: c.accountId, amount: 5000 });
    const placed = await placeOrder(c, product.id, c.business, "rc-paid");
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ status: "paid", total: { amount: invoice.total.amount } });
    const serviceId = placed.body.services[0].id;
    expect(await charges(c.accountId)).toEqual([{ amount: -1488, reference: serviceId, description: "Order of rc-paid" }]);
    expect(await balanceOf(t, c.accountId)).toBe(5000 - 1488);
    // What a failed set-up would give back is what was charged.
    expect(Number((await t.cabinet.db("services").where({ id: serviceId }).first()).order_charge)).toBe(1488);

    // The same order for the Dutch payer costs the VAT-inclusive price.
    const homeOrder = await placeOrder(c, product.id, c.home, "home-paid");
    expect(homeOrder.body).toMatchObject({ status: "paid", total: { amount: 1800 } });
    expect(await balanceOf(t, c.accountId)).toBe(5000 - 1488 - 1800);

    // The German payer's act for the month: 14.88, no VAT, under the reverse charge.
    t.clock.current = Date.parse("2026-11-02T10:00:00Z");
    try {
      const signedIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: c.email, password: "correct horse battery", mode: "bearer" } });
      const act = await t.request("POST", "/api/v1/documents/acts", { token: signedIn.body.token, body: { month: "2026-10", payerId: c.business } });
      expect(act.status, JSON.stringify(act.body)).toBe(200);
      const html = (await t.cabinet.db("documents").where({ id: act.body.id }).first()).html as string;
      expect(html).toContain("14.88");
      expect(html).not.toContain("18.00");
    } finally {
      t.clock.current = Date.parse("2026-10-10T10:00:00Z");
    }
  });

  it("renews one service at the net price, the renewal and the ledger agreeing", async () => {
    const c = await client();
    await post(t, { accountId: c.accountId, amount: 10_000 });
    const [net, gross] = await addServices(t, c.accountId, [
      { label: "rc-renew", paidUntil: t.clock.now() + 5 * DAY, payerId: c.business, price: 1800 },
      { label: "home-renew", paidUntil: t.clock.now() + 5 * DAY, payerId: c.home, price: 1800 },
    ]);
    for (const [id, key] of [
      [net, "renew-net"],
      [gross, "renew-gross"],
    ]) {
      const renewed = await t.request("POST", `/api/v1/services/${id}/renew`, { token: c.token, body: { periods: 2 }, headers: { "idempotency-key": key } });
      expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
      expect(renewed.body.paid).toBe("balance");
    }
    expect((await charges(c.accountId)).map((e) => [e.reference, e.amount])).toEqual([
      [net, -2 * 1488],
      [gross, -2 * 1800],
    ]);
    expect(Number((await t.cabinet.db("service_renewals").where({ service_id: net }).first()).amount)).toBe(2 * 1488);
    expect(await balanceOf(t, c.accountId)).toBe(10_000 - 2 * 1488 - 2 * 1800);
  });

  it("is renewed by the billing run's batch at the net price, beside a payer charged the full price", async () => {
    const c = await client();
    await post(t, { accountId: c.accountId, amount: 10_000 });
    const [net, byDefault, gross] = await addServices(t, c.accountId, [
      { label: "rc-run", paidUntil: t.clock.now() + DAY, payerId: c.business, price: 1800 },
      { label: "default-run", paidUntil: t.clock.now() + DAY, price: 1800 },
      { label: "home-run", paidUntil: t.clock.now() + DAY, payerId: c.home, price: 1000 },
    ]);
    await t.cabinet.container.resolve(RunBilling).execute();
    const byService = new Map((await charges(c.accountId)).map((e) => [e.reference, e.amount]));
    expect(Object.fromEntries(byService)).toEqual({ [net]: -1488, [byDefault]: -1800, [gross]: -1000 });
    expect(await balanceOf(t, c.accountId)).toBe(10_000 - 1488 - 1800 - 1000);
    expect(Number((await t.cabinet.db("service_renewals").where({ service_id: net }).first()).amount)).toBe(1488);
    expect(await t.cabinet.db("invoices").where({ account_id: c.accountId })).toHaveLength(0);
  });

  it("upgrades at the net of the prorated difference, the preview, the charge and the invoice of a short balance agreeing", async () => {
    const vps = (await demoProduct(t, "vps")).id;
    async function activeVps(c: Client & { business: string }, balance: number) {
      const paidUntil = t.clock.now() + 30 * DAY + DAY / 2;
      const [id] = await addServices(t, c.accountId, [{ label: "web-rc", paidUntil, price: 1800, payerId: c.business }]);
      await t.cabinet
        .db("services")
        .where({ id })
        .update({
          product_id: vps,
          period_start: paidUntil - 30 * DAY,
          parameters: JSON.stringify({ cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: true }),
        });
      if (balance) await post(t, { accountId: c.accountId, amount: balance });
      return { id, paidUntil };
    }
    const c = await client();
    const { id, paidUntil } = await activeVps(c, 5000);
    // +2 cores × 200 for the 30 days paid for of 30, without the VAT it includes.
    const catalog = prorate(400, { periodStart: paidUntil - 30 * DAY, paidUntil }, t.clock.now()).amount;
    expect(catalog).toBe(400);
    const net = withoutVat(catalog, 2100);
    expect(net).toBe(331);
    const preview = await t.request("POST", `/api/v1/services/${id}/change/preview`, { token: c.token, body: { parameters: { cpu: 4 } } });
    expect(preview.body.amountDue).toEqual({ amount: net, currency: "USD" });
    const changed = await t.request("POST", `/api/v1/services/${id}/change`, { token: c.token, body: { parameters: { cpu: 4 } } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ parameters: { cpu: 4 }, price: { amount: 2200 } });
    expect((await charges(c.accountId)).map((e) => e.amount)).toEqual([-net]);
    expect(await balanceOf(t, c.accountId)).toBe(5000 - net);

    // With too little on the balance, the upgrade's invoice asks the same.
    const short = await client();
    const other = await activeVps(short, 0);
    const invoiced = await t.request("POST", `/api/v1/services/${other.id}/change`, { token: short.token, body: { parameters: { cpu: 4 } } });
    const invoice = (await t.request("GET", `/api/v1/invoices/${invoiced.body.invoiceId}`, { token: short.token })).body;
    expect(invoice).toMatchObject({ purpose: "change", total: { amount: net }, tax: { amount: 0 } });
  });
});

describe("the payer's price inside a transaction", () => {
  it("does not wait for another connection, whether the brands' snapshot is due a check or gone (SQLite has one, the transaction's)", async () => {
    const c = await client();
    const priceInTransaction = () =>
      inTransaction(t.cabinet.db, async (trx) =>
        (await t.cabinet.container.resolve(PayerPrices).ofService(trx, { accountId: c.accountId, payerId: c.business }))(1800),
      );
    // Long past the brands' check interval: a lookup through the pool would wait for the
    // connection the transaction holds — on SQLite, until knex gives up acquiring it.
    t.clock.current += 400 * DAY;
    expect(await priceInTransaction()).toBe(1488);
    t.cabinet.container.resolve(BrandDirectory).invalidate();
    expect(await priceInTransaction()).toBe(1488);
  });
});
