import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextSlice, RunBilling, type BillingProgress } from "../../src/modules/services/run-billing.js";
import { addServices, DAY, topUp } from "../support/billing-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// On SQLite the run shares the process's one connection with every request: it must let
// reads through between small batches instead of holding the connection for the whole phase.
const sqlite = process.env.CABINET_TEST_DB !== "mysql";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({ config: { billing: { batchSize: 500 } } });
});
afterAll(() => t.close());

describe("the billing run beside requests", () => {
  it.skipIf(!sqlite)("answers reads issued during its renewals before the renewals end (SQLite)", async () => {
    const { accountId } = await t.signUp();
    await topUp(t, accountId, 300 * 1800);
    await addServices(
      t,
      accountId,
      Array.from({ length: 300 }, (_, i) => ({ label: `y${i}`, paidUntil: t.clock.now() + DAY, price: 1800 })),
    );

    // A client reading again and again while the run renews: each read notes how far the renewals were when it answered.
    let latest: BillingProgress | null = null;
    let reading = false;
    const answeredAt: { done: number; total: number }[] = [];
    const read = async () => {
      while (latest?.phase === "renew") {
        // Each read comes as a request would, from the event loop (a read chained in microtasks alone would starve every timer).
        await new Promise((resolve) => setImmediate(resolve));
        await t.cabinet.db("services").where({ account_id: accountId }).count({ n: "*" });
        if (latest?.phase === "renew") answeredAt.push({ done: latest.done, total: latest.total });
      }
    };
    const summary = await t.cabinet.container.resolve(RunBilling).execute({
      onProgress: (p) => {
        latest = p;
        if (p.phase === "renew" && !reading) {
          reading = true;
          void read();
        }
      },
    });
    expect(summary.renewed).toBeGreaterThanOrEqual(300);
    // With one 500-service batch holding the connection, no read could answer between the start and the end of the renewals.
    expect(answeredAt.filter((a) => a.done > 0 && a.done < a.total).length).toBeGreaterThan(0);
    expect(summary.batches).toBeGreaterThan(1);
  });
});

describe("the slice size on SQLite", () => {
  it("grows when batches are quick, shrinks when they are slow, within 5 and the batch size", () => {
    expect(nextSlice(50, 10, 500)).toBeGreaterThan(50);
    expect(nextSlice(50, 200, 500)).toBeLessThan(50);
    expect(nextSlice(400, 1, 500)).toBe(500);
    expect(nextSlice(6, 10_000, 500)).toBe(5);
  });
});
