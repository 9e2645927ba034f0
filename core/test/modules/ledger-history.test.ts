import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.js";
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

/** `count` entries spread over the last ~14 months, written straight into the table (order of ids = order of time). */
async function addEntries(accountId: string, count: number) {
  const now = t.clock.now();
  const rows = Array.from({ length: count }, (_, i) => {
    const at = now - 420 * DAY + Math.floor((i * 420 * DAY) / count);
    const kind = kinds[i % kinds.length];
    const amount = kind === "payment" || kind === "credit" ? 1000 + i : -(100 + (i % 50));
    return { id: newId("led", at), account_id: accountId, currency: "USD", amount, kind, reference_type: null, reference_id: null, description: `entry ${i}`, idempotency_key: `history:${accountId}:${i}`, balance_after: 0, created_at: at };
  });
  for (let i = 0; i < rows.length; i += 200) await t.cabinet.db("ledger_entries").insert(rows.slice(i, i + 200));
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
    expect((charges.body as string).trim().split("\r\n").slice(1).map((l) => l.split(",")[2])).toEqual(wanted);
    expect((await t.request("GET", "/api/v1/ledger/export?from=2026-02-31", { token })).status).toBe(400);
  });
});
