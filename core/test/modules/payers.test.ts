import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { TOKENS, type EventBus } from "../../src/index.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { isValidVatNumber, vatTreatment } from "../../src/modules/payers/index.js";
import { addRoleMember, expectRefused } from "../support/access-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { balanceOf, demoProduct, order } from "../support/service-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const germanCompany = {
  kind: "company",
  name: "Beispiel GmbH",
  address: "Friedrichstraße 10, 10117 Berlin",
  country: "DE",
  registrationNumber: "HRB 98765 B",
  vatNumber: "DE 123 456 789",
  email: "rechnung@beispiel.example",
};
const dutchCompany = { kind: "company", name: "Voorbeeld B.V.", address: "Damrak 1, 1012 LG Amsterdam", country: "NL", vatNumber: "NL987654321B01" };
const person = { kind: "individual", name: "Erika Mustermann", address: "Hauptstraße 5, 80331 München", country: "DE" };

type Client = Awaited<ReturnType<TestCabinet["signUp"]>>;

async function createPayer(client: Client, body: Record<string, unknown>) {
  return t.request("POST", "/api/v1/payers", { token: client.token, body });
}

async function payers(client: Client) {
  const response = await t.request("GET", "/api/v1/payers", { token: client.token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as any[];
}

/** An invoice of the demo brand made out to `payerId` (the default when absent), as an order that the balance does not cover issues it. */
async function invoiceFor(client: Client, payerId?: string, unitAmount = 12_100) {
  const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
  return inTransaction(t.cabinet.db, (trx) =>
    t.cabinet.container
      .resolve(IssueInvoice)
      .execute(trx, {
        brand,
        accountId: client.accountId,
        currency: "USD",
        purpose: "order",
        payerId,
        lines: [{ description: "Cloud VPS", quantity: 1, unitAmount, serviceId: null, months: 3 }],
      }),
  );
}

async function countRows(table: string, where: Record<string, unknown>) {
  const row = (await t.cabinet.db(table).where(where).count({ n: "*" }).first()) as { n: number | string };
  return Number(row.n);
}

describe("an account's payers", () => {
  it("starts with a default payer made from the account's profile, to be completed", async () => {
    const client = await t.signUp(undefined, { name: "Profile Person" });
    const [first, ...rest] = await payers(client);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ kind: "individual", name: "Profile Person", address: "", country: null, isDefault: true, deleted: false });
    expect(first.id).toMatch(/^pyr_/);
    // Asked again (or by two requests at once), it is the same one.
    const again = await Promise.all([payers(client), payers(client)]);
    expect(again.map((list) => list.map((p) => p.id))).toEqual([[first.id], [first.id]]);
  });

  it("made on first need by invoices issued at once, is one payer for all of them", async () => {
    const client = await t.signUp(undefined, { name: "Racing Person" });
    const invoices = await Promise.all(Array.from({ length: 8 }, () => invoiceFor(client)));
    expect(new Set(invoices.map((i) => i.payer?.id)).size).toBe(1);
    expect(await countRows("payers", { account_id: client.accountId })).toBe(1);
    expect(invoices[0].payer).toMatchObject({ name: "Racing Person", kind: "individual" });
  });

  it("the first payer an account creates becomes its default; another becomes default when asked", async () => {
    const client = await t.signUp();
    const created = await createPayer(client, germanCompany);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Stored normalised, as the register writes it.
    expect(created.body).toMatchObject({ ...germanCompany, vatNumber: "DE123456789", isDefault: true });
    const second = await createPayer(client, person);
    expect(second.body.isDefault).toBe(false);

    const made = await t.request("POST", `/api/v1/payers/${second.body.id}/default`, { token: client.token });
    expect(made.status).toBe(200);
    const list = await payers(client);
    expect(list.map((p) => [p.id, p.isDefault])).toEqual([
      [second.body.id, true],
      [created.body.id, false],
    ]);
    // An order's invoice without a payer goes to the default one.
    expect((await invoiceFor(client)).payer).toMatchObject({ id: second.body.id, name: person.name });
  });

  it("refuses a malformed VAT number (400) and a country the brand does not serve (422), writing nothing", async () => {
    const client = await t.signUp();
    await payers(client);
    const before = await countRows("payers", { account_id: client.accountId });
    for (const vatNumber of ["DE12345", "NL123456789", "FR123", "XX"]) {
      expectRefused(await createPayer(client, { ...germanCompany, vatNumber }), 400, "CAB_ERR_VALIDATION");
    }
    const wrongCountry = await createPayer(client, { ...dutchCompany, country: "BE" });
    expectRefused(wrongCountry, 400, "CAB_ERR_VALIDATION");
    expect(wrongCountry.body.error.details.errors[0]).toMatchObject({ path: "/vatNumber" });
    const unserved = await createPayer(client, { ...person, country: "KP" });
    expectRefused(unserved, 422, "CAB_ERR_UNPROCESSABLE");
    expect(unserved.body.error.details).toMatchObject({ reason: "country not served", country: "KP" });
    expectRefused(await createPayer(client, { ...person, country: "de" }), 400, "CAB_ERR_VALIDATION");
    expectRefused(await createPayer(client, { ...person, name: "   " }), 400, "CAB_ERR_VALIDATION");
    expect(await countRows("payers", { account_id: client.accountId })).toBe(before);

    // An update is checked alike, and leaves the payer as it was.
    const [payer] = await payers(client);
    expectRefused(
      await t.request("PUT", `/api/v1/payers/${payer.id}`, { token: client.token, body: { ...germanCompany, vatNumber: "DE1" } }),
      400,
      "CAB_ERR_VALIDATION",
    );
    expectRefused(
      await t.request("PUT", `/api/v1/payers/${payer.id}`, { token: client.token, body: { ...germanCompany, country: "KP", vatNumber: null } }),
      422,
      "CAB_ERR_UNPROCESSABLE",
    );
    expect((await payers(client))[0]).toEqual(payer);
  });

  it("refuses deleting the default payer and one with open invoices (409); a deleted payer's invoices still name it", async () => {
    const client = await t.signUp();
    const main = (await createPayer(client, dutchCompany)).body;
    const other = (await createPayer(client, person)).body;
    const refusedDefault = await t.request("DELETE", `/api/v1/payers/${main.id}`, { token: client.token });
    expectRefused(refusedDefault, 409, "CAB_ERR_CONFLICT");
    expect(refusedDefault.body.error.details.reason).toBe("default payer");

    const invoice = await invoiceFor(client, other.id, 5000);
    const refusedOpen = await t.request("DELETE", `/api/v1/payers/${other.id}`, { token: client.token });
    expectRefused(refusedOpen, 409, "CAB_ERR_CONFLICT");
    expect(refusedOpen.body.error.details).toMatchObject({ reason: "open invoices", openInvoices: 1 });
    expect((await payers(client)).map((p) => p.id)).toEqual([main.id, other.id]);

    // Paid, the invoice no longer holds the payer back.
    await post(t, { accountId: client.accountId, amount: invoice.total });
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: client.token })).body.status).toBe("paid");
    expect((await t.request("DELETE", `/api/v1/payers/${other.id}`, { token: client.token })).status).toBe(204);
    expect((await payers(client)).map((p) => p.id)).toEqual([main.id]);
    expect((await t.request("GET", `/api/v1/invoices?payerId=${other.id}`, { token: client.token })).body.items.map((i: any) => i.id)).toEqual([invoice.id]);
    // Gone for everything else: no default, no update, no order made out to it.
    expect((await t.request("POST", `/api/v1/payers/${other.id}/default`, { token: client.token })).status).toBe(404);
    expect((await t.request("PUT", `/api/v1/payers/${other.id}`, { token: client.token, body: person })).status).toBe(404);
    expect((await t.request("DELETE", `/api/v1/payers/${other.id}`, { token: client.token })).status).toBe(404);
  });

  it("never shows or touches another account's payers (404)", async () => {
    const owner = await t.signUp();
    const stranger = await t.signUp();
    const payer = (await createPayer(owner, germanCompany)).body;
    expect((await payers(stranger)).map((p) => p.id)).not.toContain(payer.id);
    for (const [method, path, body] of [
      ["PUT", `/api/v1/payers/${payer.id}`, person],
      ["POST", `/api/v1/payers/${payer.id}/default`, undefined],
      ["DELETE", `/api/v1/payers/${payer.id}`, undefined],
    ] as const) {
      expectRefused(await t.request(method, path, { token: stranger.token, body }), 404, "CAB_ERR_NOT_FOUND");
    }
    const ordered = await order(t, stranger.token, [{ productId: (await demoProduct(t, "vps")).id, periodMonths: 1 }]);
    expect(ordered.status).toBe(201);
    const foreign = await t.request("POST", "/api/v1/orders", {
      token: stranger.token,
      body: { items: [{ productId: (await demoProduct(t, "vps")).id, periodMonths: 1 }], payerId: payer.id },
      headers: { "idempotency-key": "foreign-payer" },
    });
    expectRefused(foreign, 404, "CAB_ERR_NOT_FOUND");
    expect(await countRows("invoices", { account_id: stranger.accountId })).toBe(1);
    expect((await payers(owner)).find((p) => p.id === payer.id)).toMatchObject({ name: germanCompany.name, isDefault: true });
  });
});

describe("VAT by the brand's rule", () => {
  it("is the reverse charge (0 %, noted) for an EU business with a valid VAT number in another EU country; the brand's rate otherwise", async () => {
    const client = await t.signUp();
    const german = (await createPayer(client, germanCompany)).body;
    const dutch = (await createPayer(client, dutchCompany)).body;
    const individual = (await createPayer(client, person)).body;
    const noVat = (await createPayer(client, { ...germanCompany, vatNumber: null, name: "Ohne USt GmbH" })).body;

    const reverse = await invoiceFor(client, german.id);
    // The demo's prices include 21 % VAT, which a reverse-charge payer does not owe: the line and the total are net.
    expect(reverse).toMatchObject({ taxRateBp: 0, tax: 0, total: 10_000, subtotal: 10_000, taxNote: "reverse_charge" });
    expect(reverse.lines[0]).toMatchObject({ unitAmount: 10_000, amount: 10_000 });
    expect(reverse.payer).toMatchObject({ id: german.id, name: "Beispiel GmbH", vatNumber: "DE123456789", country: "DE" });
    for (const payer of [dutch, individual, noVat]) {
      // Demo prices include 21 % VAT: 12 100 holds 2 100 of it.
      expect(await invoiceFor(client, payer.id)).toMatchObject({ taxRateBp: 2100, tax: 2100, total: 12_100, taxNote: null });
    }

    const api = await t.request("GET", `/api/v1/invoices?payerId=${german.id}`, { token: client.token });
    expect(api.body.items).toHaveLength(1);
    expect(api.body.items[0]).toMatchObject({
      id: reverse.id,
      taxRatePercent: 0,
      taxNote: "reverse_charge",
      payer: { id: german.id, vatNumber: "DE123456789" },
    });
  });

  it("is judged on the format of each EU country's VAT numbers, at home and abroad", () => {
    const brand = { vatRateBp: 2100, legal: { country: "NL" } };
    const company = (country: string, vatNumber: string | null) => vatTreatment(brand, { kind: "company", country, vatNumber });
    expect(company("DE", "DE123456789").note).toBe("reverse_charge");
    expect(company("GR", "EL123456789").note).toBe("reverse_charge");
    expect(company("AT", "ATU12345678").note).toBe("reverse_charge");
    expect(vatTreatment(brand, { kind: "sole_proprietor", country: "FR", vatNumber: "FRXX123456789" }).note).toBe("reverse_charge");
    expect(company("NL", "NL987654321B01")).toEqual({ taxRateBp: 2100, note: null }); // the brand's own country
    expect(company("US", "123456789")).toEqual({ taxRateBp: 2100, note: null }); // outside the EU
    expect(company("DE", "DE12345678")).toEqual({ taxRateBp: 2100, note: null }); // malformed
    expect(vatTreatment(brand, { kind: "individual", country: "DE", vatNumber: "DE123456789" }).note).toBe(null);
    expect(vatTreatment({ vatRateBp: 2100, legal: null }, { kind: "company", country: "DE", vatNumber: "DE123456789" }).note).toBe(null); // no home country
    expect(isValidVatNumber("GB", "GB123456789")).toBe(true);
    expect(isValidVatNumber("DE", "DE-123")).toBe(false);
  });
});

describe("the reverse charge, in money", () => {
  it("charges the invoice's net total: the order's answer, the invoice, the ledger and what a failed set-up gives back agree", async () => {
    const client = await t.signUp();
    const german = (await createPayer(client, germanCompany)).body;
    const vps = await demoProduct(t, "vps");
    const placed = await t.request("POST", "/api/v1/orders", {
      token: client.token,
      body: {
        items: [
          { productId: vps.id, periodMonths: 1 },
          { productId: vps.id, periodMonths: 3 },
        ],
        payerId: german.id,
      },
      headers: { "idempotency-key": "net-order" },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const invoice = (await t.request("GET", `/api/v1/invoices/${placed.body.invoiceId}`, { token: client.token })).body;
    expect(invoice.lines).toHaveLength(2);
    expect(invoice).toMatchObject({ taxRatePercent: 0, taxNote: "reverse_charge" });
    expect(invoice.total.amount).toBe(invoice.subtotal.amount);
    expect(invoice.tax.amount).toBe(0);
    expect(invoice.lines.reduce((sum: number, l: any) => sum + l.amount.amount, 0)).toBe(invoice.total.amount);
    expect(placed.body.total.amount).toBe(invoice.total.amount);
    // Each line is the catalog's VAT-inclusive price without its 21 %.
    const quoted = await Promise.all(
      [1, 3].map(
        async (periodMonths) =>
          (await t.request("POST", "/api/v1/catalog/quote", { token: client.token, body: { productId: vps.id, periodMonths, currency: "USD" } })).body.total
            .amount as number,
      ),
    );
    expect(invoice.lines.map((l: any) => l.amount.amount)).toEqual(quoted.map((gross) => Math.round((gross * 100) / 121)));
    expect(invoice.total.amount).toBeLessThan(quoted[0] + quoted[1]);

    await post(t, { accountId: client.accountId, amount: invoice.total.amount });
    const paid = await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: client.token });
    expect(paid.body.status).toBe("paid");
    const charges = await t.cabinet.db("ledger_entries").where({ account_id: client.accountId, kind: "charge" });
    expect(charges.map((e: { amount: number }) => Number(e.amount))).toEqual([-invoice.total.amount]);
    expect(await balanceOf(t, client.accountId)).toBe(0);
    // What each service cost, kept for a refund should its set-up fail, adds up to what was charged.
    await expect
      .poll(
        async () =>
          (
            await t.cabinet.db("services").whereIn(
              "id",
              placed.body.services.map((s: { id: string }) => s.id),
            )
          ).reduce((sum: number, s: { order_charge: number }) => sum + Number(s.order_charge), 0),
        { timeout: 10_000 },
      )
      .toBe(invoice.total.amount);
  });
});

describe("orders made out to a payer", () => {
  it("issue their invoice to the chosen payer, with its VAT; a payer's later change leaves the invoice as it was", async () => {
    const client = await t.signUp();
    await createPayer(client, person);
    const german = (await createPayer(client, germanCompany)).body;
    const vps = (await demoProduct(t, "vps")).id;
    const placed = await t.request("POST", "/api/v1/orders", {
      token: client.token,
      body: { items: [{ productId: vps, periodMonths: 3 }], payerId: german.id },
      headers: { "idempotency-key": "with-payer" },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const invoice = (await t.request("GET", `/api/v1/invoices/${placed.body.invoiceId}`, { token: client.token })).body;
    expect(invoice).toMatchObject({ taxRatePercent: 0, taxNote: "reverse_charge", payer: { id: german.id, name: "Beispiel GmbH" } });
    expect(invoice.lines[0].description).toMatch(/, 3 months/);

    const renamed = await t.request("PUT", `/api/v1/payers/${german.id}`, { token: client.token, body: { ...germanCompany, name: "Beispiel Neu GmbH" } });
    expect(renamed.body.name).toBe("Beispiel Neu GmbH");
    expect((await t.request("GET", `/api/v1/invoices/${invoice.id}`, { token: client.token })).body.payer.name).toBe("Beispiel GmbH");
  });

  it("are refused (422, nothing written) for a payer in a country the brand has stopped serving", async () => {
    const client = await t.signUp();
    const payer = (await createPayer(client, { ...person, country: "US" })).body;
    await t.cabinet.db("payers").where({ id: payer.id }).update({ country: "KP" }); // as if the brand's list had changed since
    const vps = (await demoProduct(t, "vps")).id;
    const refused = await t.request("POST", "/api/v1/orders", {
      token: client.token,
      body: { items: [{ productId: vps, periodMonths: 1 }], payerId: payer.id },
      headers: { "idempotency-key": "unserved" },
    });
    expectRefused(refused, 422, "CAB_ERR_UNPROCESSABLE");
    expect(await countRows("invoices", { account_id: client.accountId })).toBe(0);
    expect((await t.request("GET", "/api/v1/services", { token: client.token })).body.items).toEqual([]);
  });
});

describe("rights", () => {
  it("an accountant manages payers, a viewer only reads them, a sysadmin does neither", async () => {
    const owner = await t.signUp();
    const payer = (await createPayer(owner, germanCompany)).body;
    const accountant = await addRoleMember(t, owner, ["accountant"]);
    const sysadmin = await addRoleMember(t, owner, ["sysadmin"]);
    const viewer = await addRoleMember(t, owner, ["viewer"]);

    expect((await t.request("GET", "/api/v1/payers", { token: accountant.token })).status).toBe(200);
    const added = await t.request("POST", "/api/v1/payers", { token: accountant.token, body: person });
    expect(added.status).toBe(201);
    expect((await t.request("PUT", `/api/v1/payers/${added.body.id}`, { token: accountant.token, body: { ...person, name: "Erika M." } })).status).toBe(200);
    expect((await t.request("POST", `/api/v1/payers/${added.body.id}/default`, { token: accountant.token })).status).toBe(200);
    expect((await t.request("POST", `/api/v1/payers/${payer.id}/default`, { token: accountant.token })).status).toBe(200);
    expect((await t.request("DELETE", `/api/v1/payers/${added.body.id}`, { token: accountant.token })).status).toBe(204);

    expect((await t.request("GET", "/api/v1/payers", { token: viewer.token })).status).toBe(200);
    for (const who of [viewer, sysadmin]) {
      expectRefused(await t.request("POST", "/api/v1/payers", { token: who.token, body: person }), 403, "CAB_ERR_FORBIDDEN");
      expectRefused(await t.request("PUT", `/api/v1/payers/${payer.id}`, { token: who.token, body: person }), 403, "CAB_ERR_FORBIDDEN");
      expectRefused(await t.request("DELETE", `/api/v1/payers/${payer.id}`, { token: who.token }), 403, "CAB_ERR_FORBIDDEN");
      expectRefused(await t.request("POST", `/api/v1/payers/${payer.id}/default`, { token: who.token }), 403, "CAB_ERR_FORBIDDEN");
    }
    expectRefused(await t.request("GET", "/api/v1/payers", { token: sysadmin.token }), 403, "CAB_ERR_FORBIDDEN");
    expect((await payers(owner)).map((p) => [p.name, p.isDefault])).toEqual([[germanCompany.name, true]]);
  });

  it("staff of the brand read an account's payers, deleted ones marked; another brand's staff get 404", async () => {
    const owner = await t.signUp();
    const kept = (await createPayer(owner, germanCompany)).body;
    const gone = (await createPayer(owner, person)).body;
    await t.request("DELETE", `/api/v1/payers/${gone.id}`, { token: owner.token });
    const support = await signInStaff(t, "support");
    const listed = await t.request("GET", `/api/v1/staff/accounts/${owner.accountId}/payers`, { token: support.token });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: any) => [p.id, p.deleted])).toEqual([
      [gone.id, true],
      [kept.id, false],
    ]);
    await addBrand(t, "payers-elsewhere");
    const stranger = await signInStaff(t, "admin", "payers-elsewhere");
    expectRefused(await t.request("GET", `/api/v1/staff/accounts/${owner.accountId}/payers`, { token: stranger.token }), 404, "CAB_ERR_NOT_FOUND");
    expect((await t.request("GET", `/api/v1/staff/accounts/${owner.accountId}/payers`, { token: owner.token })).status).toBe(401);
  });
});

describe("an approved erasure of the account", () => {
  it("erases the payers that are people, keeps companies, and leaves issued invoices as they were", async () => {
    const client = await t.signUp();
    const company = (await createPayer(client, germanCompany)).body;
    const individual = (await createPayer(client, { ...person, email: "erika@example.org" })).body;
    const invoice = await invoiceFor(client, individual.id);
    const account = (await t.request("GET", "/api/v1/me", { token: client.token })).body;
    const events = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus);
    await inTransaction(t.cabinet.db, (trx) =>
      events.publishWithin(trx, "personal_data.erased", {
        brandId: account.brand?.id ?? "",
        accountId: client.accountId,
        userId: client.userId,
        wholeAccount: true,
      }),
    );
    const rows = await t.cabinet.db("payers").where({ account_id: client.accountId }).orderBy("created_at");
    expect(rows.find((r: any) => r.id === individual.id)).toMatchObject({ name: "Erased payer", address: "", email: null });
    expect(rows.find((r: any) => r.id === company.id)).toMatchObject({ name: germanCompany.name, vat_number: "DE123456789" });
    const kept = (await t.cabinet.db("invoices").where({ id: invoice.id }).first()).payer_details;
    expect(JSON.parse(kept)).toMatchObject({ name: person.name });
  });
});
