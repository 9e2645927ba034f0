import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreMigrations } from "@cabinet/migrations";
import { newId } from "../../src/kernel/ids.js";
import { inTransaction } from "../../src/db/transaction.js";
import { LedgerRepository } from "../../src/modules/ledger/ledger.repository.js";
import { PostLedgerEntry } from "../../src/modules/ledger/post-ledger-entry.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// An account with a long history: the chart is summed by the database and the export streams
// page after page; both must still answer exactly what the entries say.
let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const kinds = ["payment", "charge", "charge", "refund", "credit"] as const;

/**
 * `count` entries spread over the last ~14 months, written through the ledger's repository (the
 * entries and their monthly rollup; order of ids = order of time).
 */
async function addEntries(accountId: string, count: number) {
  const now = t.clock.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const at = now - 420 * DAY + Math.floor((i * 420 * DAY) / count);
    const kind = kinds[i % kinds.length];
    const amount = kind === "payment" || kind === "credit" ? 1000 + i : -(100 + (i % 50));
    return {
      id: newId("led", at),
      account_id: accountId,
      currency: "USD",
      amount,
      kind,
      reference_type: null,
      reference_id: null,
      description: `entry ${i}`,
      idempotency_key: `history:${accountId}:${i}`,
      balance_after: 0,
      created_at: at,
    };
  });
  const ledger = t.cabinet.container.resolve(LedgerRepository);
  for (let i = 0; i < rows.length; i += 200) {
    const entries = rows.slice(i, i + 200).map((r) => ({
      id: r.id,
      accountId: r.account_id,
      currency: r.currency,
      amount: r.amount,
      kind: r.kind,
      reference: null,
      description: r.description,
      idempotencyKey: r.idempotency_key,
      balanceAfter: r.balance_after,
      createdAt: r.created_at,
    }));
    await inTransaction(t.cabinet.db, (trx) => ledger.insertEntries(entries, trx));
  }
  return rows;
}

describe("an account with a long ledger", () => {
  it("gets the monthly chart summed per month and kind, equal to the entries' own sums", async () => {
    const { accountId, token } = await t.signUp();
    const rows = await addEntries(accountId, 2_500);
    const response = await t.request("GET", "/api/v1/ledger/monthly?months=12", { token });
    expect(response.status).toBe(200);
    const expected = new Map<string, { charged: number; paid: number; refunded: number }>();
    for (const r of rows) {
      const month = new Date(r.created_at).toISOString().slice(0, 7);
      const bucket = expected.get(month) ?? { charged: 0, paid: 0, refunded: 0 };
      if (r.kind === "charge") bucket.charged -= r.amount;
      else if (r.kind === "refund") bucket.refunded -= r.amount;
      else bucket.paid += r.amount;
      expected.set(month, bucket);
    }
    expect(response.body.months).toHaveLength(12);
    for (const m of response.body.months) expect(m, m.month).toEqual({ month: m.month, ...(expected.get(m.month) ?? { charged: 0, paid: 0, refunded: 0 }) });
    expect(response.body.months.some((m: { charged: number }) => m.charged > 0)).toBe(true);
  });

  it("keeps the chart's monthly totals with each posting, and opens a period with the sum of every entry before it", async () => {
    const { accountId, email } = await t.signUp();
    const post = t.cabinet.container.resolve(PostLedgerEntry);
    const rows: { at: number; amount: number; kind: string }[] = [];
    const started = t.clock.now();
    // Postings one by one across four months and their boundaries.
    for (let i = 0; i < 40; i++) {
      const kind = i % 3 === 0 ? "payment" : "charge";
      const amount = kind === "payment" ? 5000 + i : -(700 + i);
      const result = await inTransaction(t.cabinet.db, (trx) =>
        post.execute(trx, { accountId, amount, currency: "USD", kind, description: `posting ${i}`, idempotencyKey: `rollup:${accountId}:${i}` }),
      );
      expect(result.status).toBe("posted");
      rows.push({ at: t.clock.now(), amount, kind });
      t.clock.advance(3 * DAY + 1234);
    }
    // Months later: a new session (the first has expired).
    const { token } = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email, password: "correct horse battery", mode: "bearer" } })).body;
    const response = await t.request("GET", "/api/v1/ledger/monthly?months=6", { token });
    expect(response.status).toBe(200);
    for (const m of response.body.months) {
      const inMonth = rows.filter((r) => new Date(r.at).toISOString().slice(0, 7) === m.month);
      expect(m, m.month).toEqual({
        month: m.month,
        charged: inMonth.filter((r) => r.kind === "charge").reduce((sum, r) => sum - r.amount, 0),
        paid: inMonth.filter((r) => r.kind === "payment").reduce((sum, r) => sum + r.amount, 0),
        refunded: 0,
      });
    }
    const ledger = t.cabinet.container.resolve(LedgerRepository);
    for (const before of [
      started,
      started + 1,
      rows[7].at,
      rows[7].at + 1,
      Date.UTC(2026, 11, 1),
      Date.UTC(2026, 11, 1) - 1,
      rows[39].at + 1,
      started + 200 * DAY,
    ]) {
      expect(await ledger.sumBefore(accountId, before), new Date(before).toISOString()).toBe(
        rows.filter((r) => r.at < before).reduce((sum, r) => sum + r.amount, 0),
      );
    }
  });

  it("exports every entry of the period oldest first, across the export's pages", async () => {
    const { accountId, token } = await t.signUp();
    const rows = await addEntries(accountId, 2_345); // more than two pages of 1,000
    const all = await t.request("GET", "/api/v1/ledger/export", { token });
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (all.body as string).trim().split("\r\n");
    expect(lines[0]).toBe("date,kind,description,amount,currency,balance_after,reference");
    expect(lines.slice(1).map((l) => l.split(",")[2])).toEqual(rows.map((r) => r.description));

    // A period and a kind: only those.
    const from = new Date(rows[1000].created_at).toISOString().slice(0, 10);
    const charges = await t.request("GET", `/api/v1/ledger/export?from=${from}&kind=charge`, { token });
    const fromInstant = Date.parse(`${from}T00:00:00Z`);
    const wanted = rows.filter((r) => r.kind === "charge" && r.created_at >= fromInstant).map((r) => r.description);
    expect(
      (charges.body as string)
        .trim()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",")[2]),
    ).toEqual(wanted);
    expect((await t.request("GET", "/api/v1/ledger/export?from=2026-02-31", { token })).status).toBe(400);
  });

  it("pages the export by time then id: entries of one instant across a page's end are each exported once", async () => {
    const { accountId, token } = await t.signUp();
    const at = t.clock.now() - DAY;
    const ledger = t.cabinet.container.resolve(LedgerRepository);
    const entries = Array.from({ length: 1_500 }, (_, i) => ({
      id: newId("led", at),
      accountId,
      currency: "USD",
      amount: 100,
      kind: "payment" as const,
      reference: null,
      description: `same instant ${i}`,
      idempotencyKey: `instant:${accountId}:${i}`,
      balanceAfter: 0,
      createdAt: at,
    }));
    for (let i = 0; i < entries.length; i += 500) await inTransaction(t.cabinet.db, (trx) => ledger.insertEntries(entries.slice(i, i + 500), trx));
    const response = await t.request("GET", "/api/v1/ledger/export", { token });
    const exported = (response.body as string)
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(",")[2]);
    const byId = [...entries].sort((a, b) => (a.id < b.id ? -1 : 1)).map((e) => e.description);
    expect(exported).toEqual(byId);
  });
});

describe("the monthly rollup's migration", () => {
  it("sums the entries written before it to the same rows the postings keep", async () => {
    const { accountId } = await t.signUp();
    await addEntries(accountId, 1_200);
    const rollup = () => t.cabinet.db("ledger_monthly").orderBy(["account_id", "month", "kind"]).select("account_id", "month", "kind", "total", "entries");
    const kept = (await rollup()).map((r) => ({ ...r, month: Number(r.month), total: Number(r.total), entries: Number(r.entries) }));
    expect(kept.some((r) => r.account_id === accountId)).toBe(true);
    const migration = coreMigrations.find((m) => m.name === "023_ledger_monthly")!;
    await migration.down(t.cabinet.db);
    await migration.up(t.cabinet.db);
    expect((await rollup()).map((r) => ({ ...r, month: Number(r.month), total: Number(r.total), entries: Number(r.entries) }))).toEqual(kept);
  });
});
