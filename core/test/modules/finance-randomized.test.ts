import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { IssueInvoice } from "../../src/modules/invoices/issue-invoice.js";
import { balanceAndSum } from "../support/ledger-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";

// Random sequences of what really happens to money — top-ups whose webhooks arrive twice,
// late, out of order or forged; invoices paid from the balance, sometimes twice at once;
// refunds reported by the gateway — through the public API. After every step the balance
// equals the sum of the entries and equals what the test itself expects. Seeded: a failure
// names its seed and step; FINANCE_SEED=<seed> replays it.

let t: TestCabinet;
const gateway = new TestGateway();
beforeAll(async () => {
  t = await startTestCabinet({ plugins: [testGatewayPlugin(gateway)], config: { plugins: [{ name: "payment-testpay", options: {} }] } });
});
afterAll(() => t.close());

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: T[]) => items[Math.floor(next() * items.length)],
  };
}

async function webhook(event: object, sign = true) {
  const body = JSON.stringify(event);
  return t.request("POST", "/api/v1/webhooks/testpay", { rawBody: body, headers: { "x-test-signature": sign ? gateway.sign(body) : "forged" } });
}

describe("randomized payment, charge and refund sequences", () => {
  const seeds = process.env.FINANCE_SEED ? [Number(process.env.FINANCE_SEED)] : [11, 2026, 90210];
  for (const seed of seeds) {
    it(`keep the ledger balanced and credit nothing twice (seed ${seed})`, async () => {
      const random = generator(seed);
      const { accountId, token } = await t.signUp();
      const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
      let expected = 0;
      const payments: { id: string; amount: number; settled: boolean; refunded: number; events: string[] }[] = [];
      const invoices: { id: string; total: number; paid: boolean }[] = [];
      let eventNo = 0;

      for (let step = 0; step < 120; step++) {
        const where = `seed ${seed}, step ${step}`;
        const action = random.pick(["top-up", "top-up", "settle", "replay", "fail-late", "forged", "invoice", "pay", "pay", "refund"]);
        if (action === "top-up") {
          const amount = random.int(500, 20_000);
          const started = await t.request("POST", "/api/v1/payments", { token, body: { gateway: "testpay", amount, returnUrl: "http://localhost:8080/" } });
          expect(started.status, where).toBe(201);
          payments.push({ id: started.body.id, amount, settled: false, refunded: 0, events: [] });
        } else if (action === "settle" || action === "replay" || action === "fail-late" || action === "forged") {
          const payment = payments.length ? random.pick(payments) : undefined;
          if (!payment) continue;
          if (action === "forged") {
            expect((await webhook({ id: `evt_${seed}_${++eventNo}`, paymentId: payment.id, result: "succeeded" }, false)).status, where).toBe(400);
          } else if (action === "replay" && payment.events.length) {
            expect((await webhook({ id: random.pick(payment.events), paymentId: payment.id, result: "succeeded" })).body.outcome, where).toBe("duplicate");
          } else {
            const id = `evt_${seed}_${++eventNo}`;
            payment.events.push(id);
            const result = action === "fail-late" ? "failed" : "succeeded";
            const answer = await webhook({ id, paymentId: payment.id, result, amount: { amount: payment.amount, currency: "USD" } });
            expect(answer.status, where).toBe(200);
            if (result === "succeeded" && !payment.settled) {
              payment.settled = true;
              expected += payment.amount;
            }
          }
        } else if (action === "invoice") {
          const invoice = await inTransaction(t.cabinet.db, (trx) =>
            t.cabinet.container.resolve(IssueInvoice).execute(trx, {
              brand,
              accountId,
              currency: "USD",
              purpose: "manual",
              lines: [{ description: "Random service", quantity: random.int(1, 3), unitAmount: random.int(100, 5_000), serviceId: null }],
            }),
          );
          invoices.push({ id: invoice.id, total: invoice.total, paid: false });
        } else if (action === "pay") {
          const invoice = invoices.length ? random.pick(invoices) : undefined;
          if (!invoice) continue;
          // Sometimes a double click: two requests at once.
          const clicks = random.next() < 0.3 ? 2 : 1;
          const answers = await Promise.all(
            Array.from({ length: clicks }, () => t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token })),
          );
          for (const answer of answers) expect([200, 402], where).toContain(answer.status);
          if (!invoice.paid && answers.some((a) => a.status === 200)) {
            invoice.paid = true;
            expected -= invoice.total;
          }
        } else if (action === "refund") {
          const payment = payments.filter((p) => p.settled).length ? random.pick(payments.filter((p) => p.settled)) : undefined;
          if (!payment) continue;
          const to = Math.min(payment.amount, payment.refunded + random.int(1, payment.amount));
          await webhook({ id: `evt_${seed}_${++eventNo}`, paymentId: payment.id, result: "refunded", amount: { amount: to, currency: "USD" } });
          if (to > payment.refunded) {
            expected -= to - payment.refunded;
            payment.refunded = to;
          }
        }
        const { balance, sum } = await balanceAndSum(t, accountId);
        expect({ balance, sum }, where).toEqual({ balance: expected, sum: expected });
      }
      // Each payment was credited at most once, each invoice charged at most once.
      const entries = await t.cabinet.db("ledger_entries").where({ account_id: accountId }).select("kind", "reference_id");
      const credits = entries.filter((e: { kind: string }) => e.kind === "payment").map((e: { reference_id: string }) => e.reference_id);
      expect(new Set(credits).size).toBe(credits.length);
      expect(credits.length).toBe(payments.filter((p) => p.settled).length);
      const charges = entries.filter((e: { kind: string }) => e.kind === "charge").map((e: { reference_id: string }) => e.reference_id);
      expect(new Set(charges).size).toBe(charges.length);
    });
  }
});
