import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/index.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { addServices, DAY } from "../support/billing-helpers.js";
import { addRoleMember, expectRefused } from "../support/access-helpers.js";
import { waitFor } from "../support/document-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { publish } from "../support/notification-helpers.js";
import { demoProduct, order } from "../support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";

// A user limited to some services who has finance and documents rights (an accountant of one
// client's servers) sees the money and the papers of those services only: the ledger, its CSV
// and monthly chart, the payments and the documents of the account are cut to the scope in the
// SQL, and whatever covers the whole account (a top-up, an act, a reconciliation statement) is
// unknown or refused to them. The owner sees it all.

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({ plugins: [testGatewayPlugin(new TestGateway())], config: { plugins: [{ name: "payment-testpay", options: {} }] } });
});
afterAll(() => t.close());

const cursorOf = (id: string) => Buffer.from(id).toString("base64url");
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

async function invoiceOf(accountId: string, serviceId: string, amount: number) {
  const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
  return inTransaction(t.cabinet.db, (trx) =>
    t.cabinet.container
      .resolve(IssueInvoice)
      .execute(trx, { brand, accountId, currency: "USD", purpose: "order", lines: [{ description: "Line", quantity: 1, unitAmount: amount, serviceId }] }),
  );
}

/** An account with two services, money moved for each and for the whole account, and an accountant limited to the first. */
async function accountWithTwoServices() {
  const owner = await t.signUp();
  const [mine, other] = await addServices(t, owner.accountId, [
    { label: "mine", paidUntil: t.clock.now() + 10 * DAY },
    { label: "other", paidUntil: t.clock.now() + 10 * DAY },
  ]);
  await post(t, { accountId: owner.accountId, amount: 50_000, kind: "payment", description: "Top-up by the owner" });
  await post(t, { accountId: owner.accountId, amount: -1100, description: "Renewal of mine", reference: { type: "service", id: mine } });
  await post(t, { accountId: owner.accountId, amount: -2200, description: "Renewal of other", reference: { type: "service", id: other } });
  const paidMine = await invoiceOf(owner.accountId, mine, 700);
  const paidOther = await invoiceOf(owner.accountId, other, 900);
  for (const invoice of [paidMine, paidOther]) {
    expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: owner.token, body: {} })).body.status).toBe("paid");
  }
  const openMine = await invoiceOf(owner.accountId, mine, 300);
  const openOther = await invoiceOf(owner.accountId, other, 400);
  const pay = async (body: object) => {
    const started = await t.request("POST", "/api/v1/payments", {
      token: owner.token,
      body: { gateway: "testpay", returnUrl: "http://localhost:8080/billing", ...body },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    return started.body.id as string;
  };
  const payments = {
    mine: await pay({ invoiceIds: [openMine.id] }),
    other: await pay({ invoiceIds: [openOther.id] }),
    both: await pay({ invoiceIds: [openMine.id, openOther.id] }),
    topUp: await pay({ amount: 5000 }),
  };
  const accountant = await addRoleMember(t, owner, ["accountant"], [mine]);
  return { owner, mine, other, invoices: { paidMine, paidOther, openMine, openOther }, payments, accountant };
}

describe("the money of a user limited to some services", () => {
  it("is the ledger entries of their services and invoices only: list, cursor, CSV and monthly chart", async () => {
    const { owner, accountant, invoices } = await accountWithTwoServices();
    const all = (await t.request("GET", "/api/v1/ledger?limit=100", { token: owner.token })).body;
    expect(all.items.map((e: { description: string }) => e.description).sort()).toEqual(
      ["Top-up by the owner", "Renewal of mine", "Renewal of other", `Invoice ${invoices.paidMine.number}`, `Invoice ${invoices.paidOther.number}`].sort(),
    );

    const seen = await t.request("GET", "/api/v1/ledger?limit=100", { token: accountant.token });
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((e: { description: string }) => e.description).sort()).toEqual(
      ["Renewal of mine", `Invoice ${invoices.paidMine.number}`].sort(),
    );
    // A page of one, then the next by its cursor: still theirs only.
    const first = await t.request("GET", "/api/v1/ledger?limit=1", { token: accountant.token });
    const next = await t.request("GET", `/api/v1/ledger?limit=10&cursor=${first.body.nextCursor}`, { token: accountant.token });
    expect([...ids(first.body), ...ids(next.body)].sort()).toEqual(ids(seen.body).sort());
    // A cursor made from an entry they may not see pages below it, never shows it.
    const hidden = all.items.filter((e: { id: string }) => !ids(seen.body).includes(e.id));
    for (const entry of hidden) {
      const below = await t.request("GET", `/api/v1/ledger?cursor=${cursorOf(entry.id)}`, { token: accountant.token });
      expect(below.status).toBe(200);
      for (const id of ids(below.body)) expect(ids(seen.body)).toContain(id);
    }

    const csv = await t.request("GET", "/api/v1/ledger/export", { token: accountant.token });
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split("\r\n");
    expect(lines).toHaveLength(3); // the header and their two entries
    expect(csv.body).toContain("Renewal of mine");
    expect(csv.body).not.toContain("Renewal of other");
    expect(csv.body).not.toContain("Top-up");
    expect(csv.body).not.toContain(invoices.paidOther.number);

    const month = new Date(t.clock.now()).toISOString().slice(0, 7);
    const chart = (token: string) =>
      t.request("GET", "/api/v1/ledger/monthly?months=2", { token }).then((r) => r.body.months.find((m: { month: string }) => m.month === month));
    expect(await chart(accountant.token)).toMatchObject({ charged: 1100 + 700, paid: 0, refunded: 0 });
    expect(await chart(owner.token)).toMatchObject({ charged: 1100 + 2200 + 700 + 900, paid: 50_000 });
  });

  it("sees the payments of their invoices only; another's, a mixed one and a top-up answer 404, and they may not top up", async () => {
    const { owner, accountant, payments } = await accountWithTwoServices();
    expect(ids((await t.request("GET", "/api/v1/payments", { token: owner.token })).body)).toHaveLength(4);
    const list = await t.request("GET", "/api/v1/payments", { token: accountant.token });
    expect(list.status).toBe(200);
    expect(ids(list.body)).toEqual([payments.mine]);
    expect((await t.request("GET", `/api/v1/payments/${payments.mine}`, { token: accountant.token })).status).toBe(200);
    for (const hidden of [payments.other, payments.both, payments.topUp]) {
      expectRefused(await t.request("GET", `/api/v1/payments/${hidden}`, { token: accountant.token }), 404, "CAB_ERR_NOT_FOUND");
      const below = await t.request("GET", `/api/v1/payments?cursor=${cursorOf(hidden)}`, { token: accountant.token });
      expect(ids(below.body).filter((id) => id !== payments.mine)).toEqual([]);
    }
    const before = Number((await t.cabinet.db("payments").where("account_id", owner.accountId).count({ n: "*" }))[0].n);
    const topUp = await t.request("POST", "/api/v1/payments", {
      token: accountant.token,
      body: { gateway: "testpay", amount: 5000, returnUrl: "http://localhost:8080/billing" },
    });
    expectRefused(topUp, 403, "CAB_ERR_FORBIDDEN");
    expect(topUp.body.error.details.reason).toBe("service_scope");
    expect(Number((await t.cabinet.db("payments").where("account_id", owner.accountId).count({ n: "*" }))[0].n)).toBe(before);
  });

  it("counts only their open invoices and renewals in the balance's figures", async () => {
    const { owner, accountant } = await accountWithTwoServices();
    const mineOnly = (await t.request("GET", "/api/v1/balance", { token: accountant.token })).body;
    const whole = (await t.request("GET", "/api/v1/balance", { token: owner.token })).body;
    expect(whole.openInvoices).toMatchObject({ amount: 700, count: 2 });
    expect(mineOnly.openInvoices).toMatchObject({ amount: 300, count: 1 });
    // The balance itself is the account's: what they may spend paying their invoices.
    expect(mineOnly.balance).toEqual(whole.balance);
  });
});

describe("what a user limited to some services is told of money", () => {
  it("the invoices of their services, not the others', nor documents", async () => {
    const owner = await t.signUp();
    const [mine, other] = await addServices(t, owner.accountId, [
      { label: "mine", paidUntil: t.clock.now() + 10 * DAY },
      { label: "other", paidUntil: t.clock.now() + 10 * DAY },
    ]);
    const accountant = await addRoleMember(t, owner, ["accountant"], [mine]);
    const theirs = await invoiceOf(owner.accountId, mine, 300);
    const others = await invoiceOf(owner.accountId, other, 400);
    const told = async (token: string) =>
      (await t.request("GET", "/api/v1/notifications?limit=50", { token })).body.items.map(
        (n: { event: string; reference: { id: string } | null }) => `${n.event} ${n.reference?.id ?? ""}`,
      );
    // Both invoices' notices were raised together for everyone (the owner's and theirs in one go).
    await waitFor(async () => {
      const ownerTold = await told(owner.token);
      return ownerTold.includes(`invoice.issued ${others.id}`) && ownerTold.includes(`invoice.issued ${theirs.id}`);
    }, "the owner's notices");
    // A printed document (publishing returns once its notices are written).
    const brandId = (await t.cabinet.db("accounts").where({ id: owner.accountId }).first()).brand_id;
    await publish(t, "document.ready", { documentId: "doc_0000000000scoped", accountId: owner.accountId, brandId, kind: "invoice" });
    expect(await told(owner.token)).toContain("document.ready doc_0000000000scoped");
    const accountantTold = await told(accountant.token);
    expect(accountantTold).toContain(`invoice.issued ${theirs.id}`);
    expect(accountantTold).not.toContain(`invoice.issued ${others.id}`);
    expect(accountantTold.filter((n: string) => n.startsWith("document."))).toEqual([]);
  });
});

describe("the documents of a user limited to some services", () => {
  it("are those of their invoices; another invoice's document, its PDF and HTML, and the whole account's papers answer 404", async () => {
    const { owner, accountant, invoices } = await accountWithTwoServices();
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    const statement = await t.request("POST", "/api/v1/documents/reconciliation", { token: owner.token, body: { from: today, to: today } });
    expect(statement.status, JSON.stringify(statement.body)).toBe(200);
    // Each invoice has its document (the paid ones a paid copy too), issued after the invoice.
    const every = await waitFor(async () => {
      const items = (await t.request("GET", "/api/v1/documents?limit=100", { token: owner.token })).body.items;
      return items.filter((d: { kind: string }) => d.kind === "invoice").length >= 6 && items;
    }, "the invoices' documents");
    const ofInvoice = (invoiceIds: string[]) =>
      every.filter((d: { reference: { id: string } | null }) => d.reference && invoiceIds.includes(d.reference.id)).map((d: { id: string }) => d.id);
    const theirs = ofInvoice([invoices.paidMine.id, invoices.openMine.id]);
    const others = ofInvoice([invoices.paidOther.id, invoices.openOther.id]);
    expect(theirs.length).toBeGreaterThanOrEqual(2);

    const list = await t.request("GET", "/api/v1/documents?limit=100", { token: accountant.token });
    expect(list.status).toBe(200);
    expect(ids(list.body).sort()).toEqual(theirs.sort());
    expect(ids((await t.request("GET", "/api/v1/documents?kind=reconciliation", { token: accountant.token })).body)).toEqual([]);
    expect((await t.request("GET", `/api/v1/documents/${theirs[0]}/html`, { token: accountant.token })).status).toBe(200);
    for (const hidden of [...others, statement.body.id]) {
      for (const path of ["", "/pdf", "/html"]) {
        expectRefused(await t.request("GET", `/api/v1/documents/${hidden}${path}`, { token: accountant.token }), 404, "CAB_ERR_NOT_FOUND");
      }
      const below = await t.request("GET", `/api/v1/documents?cursor=${cursorOf(hidden)}`, { token: accountant.token });
      for (const id of ids(below.body)) expect(theirs).toContain(id);
    }
  });

  it("may not issue an act or a reconciliation statement of the whole account, nor accept its contract: 403, nothing written", async () => {
    const { owner, mine } = await accountWithTwoServices();
    // Every right on documents, limited to one service.
    const role = await t.request("POST", "/api/v1/roles", {
      token: owner.token,
      body: { name: "Paperwork", rights: { documents: ["view", "change", "export"] } },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const accountant = await addRoleMember(t, owner, [role.body.key], [mine]);
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    const before = Number((await t.cabinet.db("documents").where("account_id", owner.accountId).whereNot("kind", "invoice").count({ n: "*" }))[0].n);
    const lastMonth = new Date(Date.UTC(new Date(t.clock.now()).getUTCFullYear(), new Date(t.clock.now()).getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    for (const [path, body] of [
      ["/documents/reconciliation", { from: today, to: today }],
      ["/documents/acts", { month: lastMonth }],
      ["/contracts/accept", { version: "any" }],
    ] as const) {
      const refused = await t.request("POST", `/api/v1${path}`, { token: accountant.token, body });
      expectRefused(refused, 403, "CAB_ERR_FORBIDDEN");
      expect(refused.body.error.details.reason, path).toBe("service_scope");
    }
    expect(Number((await t.cabinet.db("documents").where("account_id", owner.accountId).whereNot("kind", "invoice").count({ n: "*" }))[0].n)).toBe(before);
  });

  it("include the document of the invoice of what they just ordered (issued in their request, after their scope grew)", async () => {
    // No money on the account: the order waits for its invoice.
    const owner = await t.signUp();
    const [mine] = await addServices(t, owner.accountId, [{ label: "mine", paidUntil: t.clock.now() + 10 * DAY }]);
    const buyer = await addRoleMember(t, owner, ["sysadmin", "accountant"], [mine]);
    const placed = await order(t, buyer.token, [{ productId: (await demoProduct(t, "vps")).id, periodMonths: 1 }]);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.invoiceId).toBeTruthy();
    const doc = await waitFor(async () => {
      const items = (await t.request("GET", "/api/v1/documents?kind=invoice", { token: buyer.token })).body.items;
      return items.find((d: { reference: { id: string } | null }) => d.reference?.id === placed.body.invoiceId);
    }, "the ordered invoice's document");
    expect((await t.request("GET", `/api/v1/documents/${doc.id}`, { token: buyer.token })).status).toBe(200);
  });
});
