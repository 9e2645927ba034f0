// Issue 13: a service's renewals (and its upgrade invoices) are made out to the payer it was
// ordered for, falling back to the account's default payer when none was chosen or it is gone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunBilling } from "../../src/modules/services/run-billing.js";
import { addServices, DAY } from "../support/billing-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { balanceOf, demoProduct } from "../support/service-helpers.js";
import { prorate } from "../../src/modules/services/service-period.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

type Client = Awaited<ReturnType<TestCabinet["signUp"]>>;
const company = { kind: "company", name: "Renewals Ltd", address: "1 High Street, Dublin", country: "IE", registrationNumber: "IE-12345" };
const person = { kind: "individual", name: "Default Person", address: "Damrak 1, Amsterdam", country: "NL" };

async function addPayer(client: Client, body: Record<string, unknown>): Promise<string> {
  const created = await t.request("POST", "/api/v1/payers", { token: client.token, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

/** A client whose default payer is `person`, with a second payer, `company`. */
async function clientWithTwoPayers() {
  const client = await t.signUp();
  const main = await addPayer(client, person);
  const other = await addPayer(client, company);
  return { client, main, other };
}

const invoicePayer = async (invoiceId: string) =>
  JSON.parse((await t.cabinet.db("invoices").where({ id: invoiceId }).first()).payer_details) as { id: string; name: string };
const renew = (client: Client, serviceId: string, key: string) =>
  t.request("POST", `/api/v1/services/${serviceId}/renew`, { token: client.token, body: { periods: 1 }, headers: { "idempotency-key": key } });

describe("a service's payer", () => {
  it("is the one chosen when it was ordered, kept on the service even when the balance paid the order", async () => {
    const { client, other } = await clientWithTwoPayers();
    await post(t, { accountId: client.accountId, amount: 100_000 });
    const vps = (await demoProduct(t, "vps")).id;
    const placed = await t.request("POST", "/api/v1/orders", {
      token: client.token,
      body: { items: [{ productId: vps, periodMonths: 1 }], payerId: other },
      headers: { "idempotency-key": "paid-for-other" },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.status).toBe("paid");
    const row = await t.cabinet.db("services").where({ id: placed.body.services[0].id }).first();
    expect(row.payer_id).toBe(other);
  });

  it("receives the renewal invoice of a single renewal; the default payer when none was chosen", async () => {
    const { client, main, other } = await clientWithTwoPayers();
    const now = t.clock.now();
    const [forOther, forNobody] = await addServices(t, client.accountId, [
      { label: "for-other", paidUntil: now + 5 * DAY, payerId: other },
      { label: "for-default", paidUntil: now + 5 * DAY },
    ]);
    const toOther = await renew(client, forOther, "renew-other");
    expect(toOther.body.paid, JSON.stringify(toOther.body)).toBe("invoice");
    expect(await invoicePayer(toOther.body.invoiceId)).toMatchObject({ id: other, name: company.name });
    const toDefault = await renew(client, forNobody, "renew-default");
    expect(await invoicePayer(toDefault.body.invoiceId)).toMatchObject({ id: main, name: person.name });
  });

  it("gives way to the default payer once it is deleted", async () => {
    const { client, main, other } = await clientWithTwoPayers();
    const [id] = await addServices(t, client.accountId, [{ label: "orphaned", paidUntil: t.clock.now() + 5 * DAY, payerId: other }]);
    expect((await t.request("DELETE", `/api/v1/payers/${other}`, { token: client.token })).status).toBe(204);
    const renewed = await renew(client, id, "renew-orphaned");
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(await invoicePayer(renewed.body.invoiceId)).toMatchObject({ id: main });
  });

  it("under the reverse charge renews at the net price, and the renewal keeps what its invoice charges (what a refund gives back)", async () => {
    const client = await t.signUp();
    const german = await addPayer(client, { kind: "company", name: "Beispiel GmbH", address: "Berlin", country: "DE", vatNumber: "DE123456789" });
    const [id] = await addServices(t, client.accountId, [{ label: "net", paidUntil: t.clock.now() + 5 * DAY, payerId: german, price: 1800 }]);
    const renewed = await renew(client, id, "renew-net");
    const invoice = await t.cabinet.db("invoices").where({ id: renewed.body.invoiceId }).first();
    // 18.00 including 21 % VAT is 14.88 without it.
    expect({ total: Number(invoice.total_amount), tax: Number(invoice.tax_amount), note: invoice.tax_note }).toEqual({
      total: 1488,
      tax: 0,
      note: "reverse_charge",
    });
    const renewal = await t.cabinet.db("service_renewals").where({ invoice_id: invoice.id }).first();
    expect(Number(renewal.amount)).toBe(1488);

    // Paid, the renewed period cancelled at once gives back its unused days of the net it cost, never of the VAT-inclusive price.
    await post(t, { accountId: client.accountId, amount: 1488 });
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: client.token })).body.status).toBe("paid");
    await expect
      .poll(async () => Number((await t.cabinet.db("services").where({ id }).first()).paid_until), { timeout: 10_000 })
      .toBeGreaterThan(t.clock.now() + 20 * DAY);
    t.clock.advance(6 * DAY); // into the renewed period
    const row = await t.cabinet.db("services").where({ id }).first();
    const expected = prorate(1488, { periodStart: Number(row.period_start), paidUntil: Number(row.paid_until) }, t.clock.now()).amount;
    expect(expected).toBeGreaterThan(0);
    const preview = await t.request("GET", `/api/v1/services/${id}/cancel/preview`, { token: client.token });
    expect(preview.body.refund).toEqual({ amount: expected, currency: "USD" });
    const cancelled = await t.request("POST", `/api/v1/services/${id}/cancel`, { token: client.token, body: { when: "now" } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(await balanceOf(t, client.accountId)).toBe(expected);
    expect(expected).toBeLessThan(1488);
  });

  it("splits the billing run's renewal invoice of an account by payer: one invoice per payer, each with its services", async () => {
    const { client, main, other } = await clientWithTwoPayers();
    const now = t.clock.now();
    const ids = await addServices(t, client.accountId, [
      { label: "run-other-1", paidUntil: now + DAY, payerId: other, price: 1000 },
      { label: "run-default", paidUntil: now + DAY, price: 1500 },
      { label: "run-other-2", paidUntil: now + DAY, payerId: other, price: 1000 },
    ]);
    await t.cabinet.container.resolve(RunBilling).execute();
    const invoices = await t.cabinet.db("invoices").where({ account_id: client.accountId, purpose: "renewal" });
    expect(invoices).toHaveLength(2);
    const byPayer = new Map<string, { total: number; services: string[] }>();
    for (const invoice of invoices) {
      const lines = await t.cabinet.db("invoice_lines").where({ invoice_id: invoice.id });
      byPayer.set(JSON.parse(invoice.payer_details).id, {
        total: Number(invoice.total_amount),
        services: lines.map((l: { service_id: string }) => l.service_id).sort(),
      });
    }
    expect(byPayer.get(other)).toEqual({ total: 2000, services: [ids[0], ids[2]].sort() });
    expect(byPayer.get(main)).toEqual({ total: 1500, services: [ids[1]] });
  });
});
