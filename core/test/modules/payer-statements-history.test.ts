// Issue 13: the statement of one payer of an account with several reads its period (and the
// payer rollup), not the account's whole history. Its figures must be those the whole history
// gives: worked out here from every entry, by the rules of whose a movement is, and compared
// payer by payer and period by period — and again after the migration's backfill rebuilt the
// payers the entries name and their rollup from nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { PayerLedger } from "../../src/modules/documents/payer-ledger.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { backfillLedgerPayers } from "../../../migrations/026_ledger_payers.js";
import { payThroughGateway, post } from "../support/ledger-helpers.js";
import { balanceOf, demoProduct } from "../support/service-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
  t.clock.current = Date.parse("2026-07-20T10:00:00Z");
});
afterAll(() => t.close());

const DAY = 86_400_000;
const payerBodies = {
  person: { kind: "individual", name: "Anna Default", address: "Damrak 1, Amsterdam", country: "NL" },
  company: { kind: "company", name: "Second Payer Ltd", address: "1 High Street, London", country: "GB", vatNumber: "GB123456789" },
  gone: { kind: "company", name: "Gone GmbH", address: "Torstraße 1, Berlin", country: "DE", vatNumber: "DE123456789" },
};

/** Whose each entry is, from the whole history, by the rules PayerLedger documents. */
async function fromFullHistory(accountId: string, defaultId: string) {
  const db = t.cabinet.db;
  const entries = await db("ledger_entries").where({ account_id: accountId }).orderBy("id");
  const live = new Set((await db("payers").where({ account_id: accountId }).whereNull("deleted_at")).map((p: { id: string }) => p.id));
  const invoicePayer = new Map((await db("invoices").where({ account_id: accountId })).map((i: { id: string; payer_id: string | null }) => [i.id, i.payer_id]));
  const servicePayer = new Map((await db("services").where({ account_id: accountId })).map((s: { id: string; payer_id: string | null }) => [s.id, s.payer_id]));
  const paymentInvoice = new Map(
    (await db("payments").where({ account_id: accountId })).map((p: { id: string; invoice_ids: string }) => [p.id, (JSON.parse(p.invoice_ids) as string[])[0]]),
  );
  const or = (id: string | null | undefined) => (id && live.has(id) ? id : defaultId);
  return entries.map((e: { id: string; amount: number | string; created_at: number | string; reference_type: string | null; reference_id: string }) => ({
    id: e.id,
    amount: Number(e.amount),
    createdAt: Number(e.created_at),
    payer:
      e.reference_type === "invoice"
        ? or(invoicePayer.get(e.reference_id))
        : e.reference_type === "service"
          ? or(servicePayer.get(e.reference_id))
          : e.reference_type === "payment"
            ? or(invoicePayer.get(paymentInvoice.get(e.reference_id) ?? ""))
            : defaultId,
  }));
}

describe("the statement of a payer of an account with several", () => {
  it("has the figures of the whole history, period by period, across months; and so after the backfill", async () => {
    const client = await t.signUp();
    const token = client.token;
    const add = async (body: object) => (await t.request("POST", "/api/v1/payers", { token, body })).body.id as string;
    const main = await add(payerBodies.person);
    const other = await add(payerBodies.company);
    const gone = await add(payerBodies.gone);
    const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
    const vps = (await demoProduct(t, "vps")).id;

    // Four months of movements: top-ups and adjustments (the default's), orders for each payer
    // paid from the balance, invoices made out to a payer and paid through a gateway.
    let n = 0;
    for (const month of ["2026-07", "2026-08", "2026-09", "2026-10"]) {
      t.clock.current = Date.parse(`${month}-03T09:00:00Z`);
      await post(t, { accountId: client.accountId, amount: 20_000, kind: "payment", description: "Top-up" });
      for (const payerId of [other, gone, main]) {
        t.clock.advance(DAY);
        const placed = await t.request("POST", "/api/v1/orders", {
          token: (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: client.email, password: "correct horse battery", mode: "bearer" } })).body
            .token,
          body: { items: [{ productId: vps, periodMonths: 1 }], payerId },
          headers: { "idempotency-key": `history-${++n}` },
        });
        expect(placed.body.status, JSON.stringify(placed.body)).toBe("paid");
      }
      t.clock.advance(DAY);
      const invoice = await inTransaction(t.cabinet.db, (trx) =>
        t.cabinet.container.resolve(IssueInvoice).execute(trx, {
          brand,
          accountId: client.accountId,
          currency: "USD",
          purpose: "manual",
          payerId: n % 2 ? other : gone,
          lines: [{ description: "Consulting", quantity: 1, unitAmount: 1_000 + n, serviceId: null }],
        }),
      );
      await payThroughGateway(t, brand.id, client.accountId, invoice);
      t.clock.advance(DAY);
      await post(t, { accountId: client.accountId, amount: -300, kind: "adjustment", description: "Correction" });
    }
    // A payer deleted since: its movements are the default payer's now, in every period.
    t.clock.current = Date.parse("2026-11-05T09:00:00Z");
    const signedIn = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: client.email, password: "correct horse battery", mode: "bearer" } }))
      .body.token;
    expect((await t.request("DELETE", `/api/v1/payers/${gone}`, { token: signedIn })).status).toBe(204);

    const ledger = t.cabinet.container.resolve(PayerLedger);
    const periods: [string, string][] = [
      ["2026-07-01", "2026-08-01"],
      ["2026-08-01", "2026-09-01"],
      ["2026-08-15", "2026-10-06"], // starting and ending mid-month
      ["2026-10-04", "2026-10-08"],
      ["2026-11-01", "2026-11-05"], // nothing in it: only the openings
    ];
    const check = async () => {
      const history = await fromFullHistory(client.accountId, main);
      for (const [fromDay, toDay] of periods) {
        const from = Date.parse(`${fromDay}T00:00:00Z`);
        const to = Date.parse(`${toDay}T00:00:00Z`);
        let closings = 0;
        for (const payerId of [main, other]) {
          const mine = history.filter((e) => e.payer === payerId);
          const opening = mine.filter((e) => e.createdAt < from).reduce((sum, e) => sum + e.amount, 0);
          const inPeriod = mine.filter((e) => e.createdAt >= from && e.createdAt < to);
          const statement = await ledger.execute(brand, client.accountId, from, to, payerId === main ? undefined : payerId);
          expect(statement.chosen.payer.id).toBe(payerId);
          expect(
            { opening: statement.opening, entries: statement.entries.map((e) => [e.id, e.amount]), closing: statement.closing },
            `${payerId} ${fromDay}`,
          ).toEqual({
            opening,
            entries: inPeriod.map((e) => [e.id, e.amount]),
            closing: inPeriod.reduce((sum, e) => sum + e.amount, opening),
          });
          closings += statement.closing;
        }
        // The payers' statements add up to the account's.
        const upTo = history.filter((e) => e.createdAt < to).reduce((sum, e) => sum + e.amount, 0);
        expect(closings).toBe(upTo);
      }
      // Money moved for each payer in every month, and the gone payer's fell to the default.
      expect(new Set(history.map((e) => e.payer))).toEqual(new Set([main, other]));
    };
    await check();
    expect(
      (await ledger.execute(brand, client.accountId, 0, t.clock.now() + 1)).closing +
        (await ledger.execute(brand, client.accountId, 0, t.clock.now() + 1, other)).closing,
    ).toBe(await balanceOf(t, client.accountId));

    // The migration's backfill gives every entry the payer it names, and the rollup, from nothing.
    await t.cabinet.db("ledger_payer_monthly").delete();
    await t.cabinet.db("ledger_entries").update({ payer_id: null });
    await backfillLedgerPayers(t.cabinet.db);
    await check();
  });
});
