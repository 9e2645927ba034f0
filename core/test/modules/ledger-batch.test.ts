import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { PostLedgerEntries } from "../../src/modules/ledger/post-ledger-entries.js";
import type { LedgerPosting } from "../../src/modules/ledger/post-ledger-entry.js";
import { LedgerRepository } from "../../src/modules/ledger/ledger.repository.js";
import { balanceAndSum, post } from "../support/ledger-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const charge = (accountId: string, amount: number, key: string = randomUUID()): LedgerPosting => ({
  accountId,
  amount: -amount,
  currency: "USD",
  kind: "charge",
  description: "batch test",
  idempotencyKey: key,
});
const postAll = (postings: LedgerPosting[]) => inTransaction(t.cabinet.db, (trx) => t.cabinet.container.resolve(PostLedgerEntries).execute(trx, postings));

describe("posting a batch of entries", () => {
  it("applies each account's postings in order, refusing those its balance no longer covers, and keeps balance = sum", async () => {
    const a = (await t.signUp()).accountId;
    const b = (await t.signUp()).accountId;
    await post(t, { accountId: a, amount: 3000 });
    await t.cabinet.container.resolve(LedgerRepository).setCreditLimit(b, 0, t.clock.now());
    const results = await postAll([charge(a, 1000), charge(b, 100), charge(a, 1500), charge(a, 1000), charge(a, 500)]);
    expect(results.map((r) => r.status)).toEqual(["posted", "insufficient_funds", "posted", "insufficient_funds", "posted"]);
    expect(results.map((r) => (r.status === "posted" ? r.entry.balanceAfter : null))).toEqual([2000, null, 500, null, 0]);
    expect(results[3]).toEqual({ status: "insufficient_funds", balance: 500, available: 500 });
    expect(await balanceAndSum(t, a)).toEqual({ balance: 0, sum: 0 });
    expect(await balanceAndSum(t, b)).toEqual({ balance: 0, sum: 0 });
  });

  it("posts an idempotency key once: a batch posted again answers the first entries and changes nothing", async () => {
    const a = (await t.signUp()).accountId;
    await post(t, { accountId: a, amount: 1000 });
    const postings = [charge(a, 300, `batch-${a}-1`), charge(a, 200, `batch-${a}-2`)];
    const first = await postAll(postings);
    const again = await postAll(postings);
    expect(again.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(again.map((r) => (r.status === "duplicate" ? r.entry.id : null))).toEqual(first.map((r) => (r.status === "posted" ? r.entry.id : null)));
    expect(await balanceAndSum(t, a)).toEqual({ balance: 500, sum: 500 });
    await expect(postAll([charge(a, 301, `batch-${a}-1`)])).rejects.toThrow(/different entry/);
  });

  it("refuses another currency, and malformed batches (a bug of the caller) throw", async () => {
    const a = (await t.signUp()).accountId;
    await post(t, { accountId: a, amount: 1000 });
    expect(await postAll([{ ...charge(a, 100), currency: "EUR" }])).toEqual([{ status: "currency_mismatch", accountCurrency: "USD" }]);
    await expect(postAll([charge(a, 1, "same"), charge(a, 2, "same")])).rejects.toThrow(/share an idempotency key/);
    await expect(postAll([{ ...charge(a, 100), allowOverdraft: true }])).rejects.toThrow(/no overdraft/);
    await expect(postAll([charge(a, 0.5)])).rejects.toThrow(/non-zero integer/);
    expect(await balanceAndSum(t, a)).toEqual({ balance: 1000, sum: 1000 });
  });
});
