// Issue 13: reconciliation statements and acts are a payer's: each movement of the account's one
// balance is the payer's its invoice, its service or the invoices its payment paid name (else the
// default payer's), so the payers' statements add up to the account's ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { PayerLedger } from "../../src/modules/documents/payer-ledger.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { expectRefused } from "../support/access-helpers.js";
import { payThroughGateway, post } from "../support/ledger-helpers.js";
import { balanceOf, demoProduct } from "../support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

const DAY = 86_400_000;
let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
  t.clock.current = Date.parse("2026-10-10T10:00:00Z");
});
afterAll(() => t.close());

const person = { kind: "individual", name: "Anna Default", address: "Damrak 1, Amsterdam", country: "NL" };
const company = { kind: "company", name: "Second Payer Ltd", address: "1 High Street, London", country: "GB", vatNumber: "GB123456789" };

async function demoBrand() {
  return (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
}

/** An account whose default payer is a person, with a company as a second payer, and money moved for each. */
async function accountWithTwoPayers() {
  const client = await t.signUp();
  const main = (await t.request("POST", "/api/v1/payers", { token: client.token, body: person })).body.id as string;
  const other = (await t.request("POST", "/api/v1/payers", { token: client.token, body: company })).body.id as string;
  const start = t.clock.now();
  // The default payer's: a top-up and a staff adjustment (they name no invoice or service).
  await post(t, { accountId: client.accountId, amount: 50_000, kind: "payment", description: "Top-up" });
  await post(t, { accountId: client.accountId, amount: -400, kind: "adjustment", description: "Correction" });
  // The company's: an order it was made out to, paid from the balance (a charge of its service)…
  const vps = (await demoProduct(t, "vps")).id;
  const placed = await t.request("POST", "/api/v1/orders", {
    token: client.token,
    body: { items: [{ productId: vps, periodMonths: 1 }], payerId: other },
    headers: { "idempotency-key": "per-payer-order" },
  });
  expect(placed.body.status, JSON.stringify(placed.body)).toBe("paid");
  const orderCharge = placed.body.total.amount as number;
  // …and an invoice made out to it, paid through a gateway (the payment and the invoice's charge).
  const brand = await demoBrand();
  const invoice = await inTransaction(t.cabinet.db, (trx) =>
    t.cabinet.container.resolve(IssueInvoice).execute(trx, {
      brand,
      accountId: client.accountId,
      currency: "USD",
      purpose: "manual",
      payerId: other,
      lines: [{ description: "Consulting", quantity: 1, unitAmount: 7_000, serviceId: null }],
    }),
  );
  const settled = await payThroughGateway(t, brand.id, client.accountId, invoice);
  expect(settled.status).toBe("succeeded");
  return { client, main, other, start, orderCharge, invoice };
}

describe("a payer's part of the ledger", () => {
  it("holds its invoices, its services' charges and its payments; the default payer the rest; together, the account's balance", async () => {
    const { client, main, other, start, orderCharge, invoice } = await accountWithTwoPayers();
    const ledger = t.cabinet.container.resolve(PayerLedger);
    const brand = await demoBrand();
    const end = t.clock.now() + 1;
    const ofOther = await ledger.execute(brand, client.accountId, start, end, other);
    expect(ofOther.chosen.payer.id).toBe(other);
    expect(ofOther.entries.map((e) => [e.kind, e.amount])).toEqual([
      ["charge", -orderCharge],
      ["payment", invoice.total],
      ["charge", -invoice.total],
    ]);
    expect(ofOther.closing).toBe(-orderCharge);
    const ofMain = await ledger.execute(brand, client.accountId, start, end);
    expect(ofMain.chosen.payer.id).toBe(main);
    expect(ofMain.entries.map((e) => [e.kind, e.amount])).toEqual([
      ["payment", 50_000],
      ["adjustment", -400],
    ]);
    expect(ofMain.closing + ofOther.closing).toBe(await balanceOf(t, client.accountId));

    // A later period opens with what came before, payer by payer.
    const later = await ledger.execute(brand, client.accountId, end, end + DAY, other);
    expect({ opening: later.opening, entries: later.entries }).toEqual({ opening: -orderCharge, entries: [] });
  });

  it("is what the API's statement and act for a payer are made of, filed under that payer", async () => {
    const { client, other } = await accountWithTwoPayers();
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const forOther = await t.request("POST", "/api/v1/documents/reconciliation", { token: client.token, body: { from: today, to: today, payerId: other } });
    expect(forOther.status, JSON.stringify(forOther.body)).toBe(200);
    expect(forOther.body.payerId).toBe(other);
    const forDefault = await t.request("POST", "/api/v1/documents/reconciliation", { token: client.token, body: { from: today, to: today } });
    expect(forDefault.body.id).not.toBe(forOther.body.id);
    expect(forDefault.body.payerId).not.toBe(other);
    const listed = await t.request("GET", `/api/v1/documents?kind=reconciliation&payerId=${other}`, { token: client.token });
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([forOther.body.id]);

    t.clock.current = Date.parse("2026-11-02T10:00:00Z");
    // Weeks later the first session may have expired.
    const signedIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: client.email, password: "correct horse battery", mode: "bearer" } });
    expect(signedIn.status).toBe(200);
    const token = signedIn.body.token as string;
    const act = await t.request("POST", "/api/v1/documents/acts", { token, body: { month, payerId: other } });
    expect(act.status, JSON.stringify(act.body)).toBe(200);
    expect(act.body.payerId).toBe(other);
    // The default payer had no charges that month (a top-up is not a service): no act to issue.
    expectRefused(await t.request("POST", "/api/v1/documents/acts", { token, body: { month } }), 422, "CAB_ERR_UNPROCESSABLE");
    t.clock.current = Date.parse("2026-10-10T10:00:00Z");
  });
});
