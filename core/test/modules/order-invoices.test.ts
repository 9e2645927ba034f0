import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { post } from "../support/ledger-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

async function alice() {
  const signIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "alice@example.com", password: "northwind-demo", mode: "bearer" } });
  return { token: signIn.body.token as string, accountId: signIn.body.account.id as string };
}

describe("an order's invoice", () => {
  it("once paid, moves the service it was for from pending_payment to provisioning (and on to active: its product's provisioner is `instant`), once", async () => {
    const { token, accountId } = await alice();
    const [invoice] = (await t.request("GET", "/api/v1/invoices?status=issued", { token })).body.items;
    expect(invoice.purpose).toBe("order");
    const serviceId = invoice.lines[0].serviceId;
    expect((await t.request("GET", `/api/v1/services/${serviceId}`, { token })).body.status).toBe("pending_payment");

    await post(t, { accountId, amount: invoice.total.amount });
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token })).body.status).toBe("paid");
    expect(["provisioning", "active"]).toContain((await t.request("GET", `/api/v1/services/${serviceId}`, { token })).body.status);
    await expect.poll(async () => (await t.request("GET", `/api/v1/services/${serviceId}`, { token })).body.status).toBe("active");
    const pending = await t.request("GET", "/api/v1/services?status=pending_payment", { token });
    expect(pending.body.items).toEqual([]);
  });
});

describe("staff voiding an invoice", () => {
  it("voids an open invoice once, refuses a paid one, and never another brand's", async () => {
    const bob = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "bob@example.com", password: "northwind-demo", mode: "bearer" } })).body;
    const { IssueInvoice } = await import("../../src/modules/invoices/issue-invoice.js");
    const { BrandDirectory } = await import("../../src/modules/brands/brand-directory.js");
    const { inTransaction } = await import("../../src/db/transaction.js");
    const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
    const invoice = await inTransaction(t.cabinet.db, (trx) =>
      t.cabinet.container
        .resolve(IssueInvoice)
        .execute(trx, {
          brand,
          accountId: bob.account.id,
          currency: "USD",
          purpose: "manual",
          lines: [{ description: "Setup", quantity: 1, unitAmount: 5000, serviceId: null }],
        }),
    );
    const support = await signInStaff(t, "support");
    expect((await t.request("POST", `/api/v1/staff/invoices/${invoice.id}/void`, { token: support.token })).status).toBe(403);
    const finance = await signInStaff(t, "finance");
    const voided = await t.request("POST", `/api/v1/staff/invoices/${invoice.id}/void`, { token: finance.token });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: "void", number: invoice.number });
    const again = await t.request("POST", `/api/v1/staff/invoices/${invoice.id}/void`, { token: finance.token });
    expect(again.status).toBe(409);
    // The client can no longer pay it.
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: bob.token })).status).toBe(409);

    await addBrand(t, "elsewhere-staff");
    const stranger = await signInStaff(t, "admin", "elsewhere-staff");
    expect((await t.request("POST", `/api/v1/staff/invoices/${invoice.id}/void`, { token: stranger.token })).status).toBe(404);
    // And a client's token is not a staff token.
    expect((await t.request("POST", `/api/v1/staff/invoices/${invoice.id}/void`, { token: bob.token })).status).toBe(401);
  });
});
