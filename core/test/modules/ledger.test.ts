import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.js";
import { AccountRepository } from "../../src/modules/accounts/account.repository.js";
import { LedgerRepository } from "../../src/modules/ledger/ledger.repository.js";
import { balanceAndSum, post } from "../support/ledger-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

describe("posting to the ledger", () => {
  it("moves the balance with each entry and records the balance after it", async () => {
    const { accountId } = await t.signUp();
    const paid = await post(t, { accountId, amount: 5000, kind: "payment" });
    const charged = await post(t, { accountId, amount: -1800, kind: "charge" });
    expect(paid).toMatchObject({ status: "posted", entry: { amount: 5000, balanceAfter: 5000 } });
    expect(charged).toMatchObject({ status: "posted", entry: { amount: -1800, balanceAfter: 3200 } });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 3200, sum: 3200 });
  });

  it("posts an idempotency key once: a retry answers the first entry and changes nothing", async () => {
    const { accountId } = await t.signUp();
    const first = await post(t, { accountId, amount: 700, idempotencyKey: `retry-${accountId}` });
    const again = await post(t, { accountId, amount: 700, idempotencyKey: `retry-${accountId}` });
    expect(again).toEqual({ status: "duplicate", entry: (first as { entry: unknown }).entry });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 700, sum: 700 });
    await expect(post(t, { accountId, amount: 701, idempotencyKey: `retry-${accountId}` })).rejects.toThrow(/different entry/);
  });

  it("never charges below zero, nor below the credit limit, and writes nothing when it refuses", async () => {
    const { accountId } = await t.signUp();
    await post(t, { accountId, amount: 1000 });
    expect(await post(t, { accountId, amount: -1001 })).toEqual({ status: "insufficient_funds", balance: 1000, available: 1000 });
    await t.cabinet.container.resolve(LedgerRepository).setCreditLimit(accountId, 500, t.clock.now());
    expect((await post(t, { accountId, amount: -1500 })).status).toBe("posted");
    expect((await post(t, { accountId, amount: -1 })).status).toBe("insufficient_funds");
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: -500, sum: -500 });
    expect((await post(t, { accountId, amount: -100, kind: "adjustment", allowOverdraft: true })).status).toBe("posted");
  });

  it("refuses another currency than the account's", async () => {
    const { accountId } = await t.signUp();
    expect(await post(t, { accountId, amount: 100, currency: "EUR" })).toEqual({ status: "currency_mismatch", accountCurrency: "USD" });
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
  });

  it("refuses amounts that are not whole minor units within bounds (a caller's bug)", async () => {
    const { accountId } = await t.signUp();
    for (const amount of [0, 1.5, Number.NaN, 2 ** 60, -(10 ** 12)]) {
      await expect(post(t, { accountId, amount })).rejects.toThrow(/non-zero integer/);
    }
  });
});

describe("concurrent charges against one balance", () => {
  it("are applied one at a time: exactly as many succeed as the balance covers", async () => {
    const { accountId } = await t.signUp();
    await post(t, { accountId, amount: 1000 });
    const results = await Promise.all(Array.from({ length: 30 }, () => post(t, { accountId, amount: -100 })));
    expect(results.filter((r) => r.status === "posted")).toHaveLength(10);
    expect(results.filter((r) => r.status === "insufficient_funds")).toHaveLength(20);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
  });

  it("with one idempotency key post exactly one entry", async () => {
    const { accountId } = await t.signUp();
    const key = `same-${accountId}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => post(t, { accountId, amount: 250, idempotencyKey: key })));
    expect(results.filter((r) => r.status === "posted")).toHaveLength(1);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(19);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 250, sum: 250 });
  });
});

describe("randomized sequences (seeded: a failure prints its seed to replay)", () => {
  it("keep the balance equal to the sum of entries and credit nothing twice", async () => {
    const seed = Number(process.env.LEDGER_SEED ?? 20261125);
    let state = seed;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const { accountId } = await t.signUp();
    const keys: string[] = [];
    let expected = 0;
    for (let step = 0; step < 300; step++) {
      const roll = random();
      const reuse = keys.length > 0 && random() < 0.2;
      const key = reuse ? keys[Math.floor(random() * keys.length)] : `k-${accountId}-${step}`;
      const kind = roll < 0.4 ? "payment" : roll < 0.85 ? "charge" : "refund";
      const amount = (kind === "payment" ? 1 : -1) * (1 + Math.floor(random() * 5000));
      let result;
      try {
        result = await post(t, { accountId, amount, kind, idempotencyKey: key });
      } catch (error) {
        // Reusing a key for another amount is refused outright: that is the point.
        expect(reuse, `seed ${seed} step ${step}`).toBe(true);
        expect(String(error)).toMatch(/different entry/);
        continue;
      }
      if (result.status === "posted") {
        expected += amount;
        keys.push(key);
      }
      if (reuse) expect(result.status, `seed ${seed} step ${step}`).not.toBe("posted");
      const { balance, sum } = await balanceAndSum(t, accountId);
      expect({ balance, sum }, `seed ${seed} step ${step}`).toEqual({ balance: expected, sum: expected });
      expect(balance, `seed ${seed} step ${step}`).toBeGreaterThanOrEqual(0);
    }
    const entries = await t.cabinet.db("ledger_entries").where({ account_id: accountId }).count({ n: "*" });
    expect(Number(entries[0].n)).toBe(new Set(keys).size);
  });
});

describe("the finance API", () => {
  it("shows the balance, the upcoming renewals and a top-up covering them", async () => {
    const { accountId, token } = await t.signUp();
    await post(t, { accountId, amount: 1000 });
    const productId = (await t.cabinet.db("products").where({ code: "vps" }).first()).id;
    await t.cabinet.db("services").insert({
      id: newId("svc"),
      account_id: accountId,
      product_id: productId,
      label: "renews",
      status: "active",
      parameters: "{}",
      price_amount: 1800,
      currency: "USD",
      period_months: 1,
      paid_until: t.clock.now() + 5 * 86_400_000,
      auto_renew: true,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    });
    const response = await t.request("GET", "/api/v1/balance", { token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      balance: { amount: 1000, currency: "USD" },
      creditLimit: { amount: 0, currency: "USD" },
      available: { amount: 1000, currency: "USD" },
      upcomingRenewals: { amount: 1800, currency: "USD", days: 30 },
      openInvoices: { amount: 0, currency: "USD", count: 0 },
      recommendedTopUp: { amount: 800, currency: "USD" },
      topUp: { min: { amount: 500, currency: "USD" }, max: { amount: 500_000, currency: "USD" } },
    });
  });

  it("lists the ledger newest first with a cursor and filters, and only the caller's", async () => {
    const { accountId, token } = await t.signUp();
    const other = await t.signUp();
    await post(t, { accountId: other.accountId, amount: 999 });
    for (let i = 1; i <= 5; i++) {
      await post(t, { accountId, amount: i * 100, description: `top-up ${i}` });
      t.clock.advance(1000);
    }
    await post(t, { accountId, amount: -50, kind: "charge", description: "charge" });
    const first = await t.request("GET", "/api/v1/ledger?limit=4", { token });
    expect(first.body.items.map((e: { description: string }) => e.description)).toEqual(["charge", "top-up 5", "top-up 4", "top-up 3"]);
    const second = await t.request("GET", `/api/v1/ledger?limit=4&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items.map((e: { description: string }) => e.description)).toEqual(["top-up 2", "top-up 1"]);
    expect(second.body.nextCursor).toBeNull();
    const charges = await t.request("GET", "/api/v1/ledger?kind=charge", { token });
    expect(charges.body.items).toHaveLength(1);
    expect(charges.body.items[0]).toMatchObject({ kind: "charge", amount: { amount: -50, currency: "USD" }, balanceAfter: { amount: 1450 } });
    const bad = await t.request("GET", "/api/v1/ledger?from=2026-13-45", { token });
    expect(bad.status).toBe(400);
  });

  it("exports CSV with amounts in major units and defused formulas", async () => {
    const { accountId, token } = await t.signUp();
    await post(t, { accountId, amount: 123456, description: '=HYPERLINK("http://evil","x")' });
    await post(t, { accountId, amount: -56, kind: "charge", description: "VPS, March" });
    const response = await t.request("GET", "/api/v1/ledger/export", { token });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    // Named by the real dates it covers (the first entry to today), never "ledger-start-now.csv".
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="ledger-${today}-${today}.csv"`);
    const period = await t.request("GET", "/api/v1/ledger/export?from=2026-01-01&to=2026-03-31", { token });
    expect(period.headers.get("content-disposition")).toBe('attachment; filename="ledger-2026-01-01-2026-03-31.csv"');
    const lines = (response.body as string).trim().split("\r\n");
    expect(lines[0]).toBe("date,kind,description,amount,currency,balance_after,reference");
    expect(lines[1]).toMatch(/,payment,"'=HYPERLINK\(""http:\/\/evil"",""x""\)",1234\.56,USD,1234\.56,$/);
    expect(lines[2]).toMatch(/,charge,"VPS, March",-0\.56,USD,1234\.00,$/);
  });

  it("summarizes spending per month for the chart", async () => {
    const { accountId, token } = await t.signUp();
    await post(t, { accountId, amount: 10000 });
    await post(t, { accountId, amount: -2500, kind: "charge" });
    await post(t, { accountId, amount: -300, kind: "refund" });
    const response = await t.request("GET", "/api/v1/ledger/monthly?months=3", { token });
    expect(response.body.currency).toBe("USD");
    expect(response.body.months).toHaveLength(3);
    expect(response.body.months.at(-1)).toEqual({ month: new Date(t.clock.now()).toISOString().slice(0, 7), charged: 2500, paid: 10000, refunded: 300 });
    expect(response.body.months[0]).toMatchObject({ charged: 0, paid: 0, refunded: 0 });
  });

  it("is for users with the finance permission only", async () => {
    const owner = await t.signUp();
    const accounts = t.cabinet.container.resolve(AccountRepository);
    const brandId = (await accounts.findAccount(owner.accountId))!.brandId;
    const hasher = t.cabinet.container.resolve<{ hash(p: string): Promise<string> }>(Symbol.for("cabinet.PasswordHasher"));
    await accounts.insertUser({
      id: newId("usr"),
      brandId,
      accountId: owner.accountId,
      email: `sysadmin-${owner.accountId}@example.org`,
      name: "Sysadmin",
      passwordHash: await hasher.hash("sysadmin password"),
      role: "member",
      permissions: ["services", "support"],
      status: "active",
      locale: "en",
      createdAt: t.clock.now(),
    });
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", {
      body: { email: `sysadmin-${owner.accountId}@example.org`, password: "sysadmin password", mode: "bearer" },
    });
    expect(signIn.body.user.permissions).toEqual(["services", "support"]);
    for (const path of ["/api/v1/balance", "/api/v1/ledger", "/api/v1/ledger/export", "/api/v1/ledger/monthly"]) {
      const response = await t.request("GET", path, { token: signIn.body.token });
      expect(response.status, path).toBe(403);
      expect(response.body.error).toMatchObject({ code: "CAB_ERR_FORBIDDEN", details: { permission: "finance" } });
    }
    expect((await t.request("GET", "/api/v1/services", { token: signIn.body.token })).status).toBe(200);
  });
});
