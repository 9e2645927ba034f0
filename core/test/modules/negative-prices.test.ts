import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProductRepository } from "../../src/modules/catalog/product.repository.js";
import { PostLedgerEntry } from "../../src/modules/ledger/post-ledger-entry.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, balanceOf, order } from "../support/service-helpers.js";
import { signInStaff } from "../support/staff-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// A probe gave a parameter a negative minimum, ordered {"cpu": -5} and was *credited* 400
// (order total −400, ledger charge +400). Below zero is refused at each layer on its own.
let t: TestCabinet;
let admin: string;
beforeAll(async () => {
  t = await startTestCabinet();
  admin = (await signInStaff(t, "admin")).token;
});
afterAll(() => t.close());

const cpu = (fields: Record<string, unknown>) => ({
  key: "cpu",
  label: "CPU",
  kind: "integer",
  unit: "cores",
  min: 1,
  max: 8,
  step: 1,
  default: 1,
  unitPrice: { USD: 100 },
  ...fields,
});
const createProduct = (parameter: Record<string, unknown>, price: Record<string, unknown> = {}) =>
  t.request("POST", "/api/v1/staff/products", {
    token: admin,
    body: {
      code: `p-${Math.random().toString(36).slice(2, 10)}`,
      name: "Probe",
      type: "vps",
      parameters: [parameter],
      prices: [{ currency: "USD", periodMonths: 1, amount: 100, setupFee: 0, ...price }],
    },
  });

describe("the staff catalog", () => {
  it("refuses a negative minimum, maximum or default, and negative prices, with 400 naming the field", async () => {
    for (const fields of [{ min: -10 }, { min: -10, default: -5 }, { max: -1, min: -2, default: -1 }, { unitPrice: { USD: -100 } }]) {
      const response = await createProduct(cpu(fields));
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(response.body.error.code).toBe("CAB_ERR_VALIDATION");
    }
    for (const price of [{ amount: -1 }, { setupFee: -1 }]) expect((await createProduct(cpu({}), price)).status).toBe(400);
    expect((await createProduct(cpu({ min: 0, default: 0 }))).status).toBe(201);
  });
});

describe("pricing and ordering", () => {
  it("refuses a negative quantity even when a stored product allows one, and charges nothing", async () => {
    // As if stored before the schema refused it.
    const product = await addProduct(t, { parameters: [cpu({ min: -10 }) as never] });
    const quote = await t.request("POST", "/api/v1/catalog/quote", { body: { productId: product.id, periodMonths: 1, parameters: { cpu: -5 } } });
    expect(quote.status).toBe(422);
    expect(quote.body.error).toMatchObject({ code: "CAB_ERR_INVALID_PARAMETER", details: { parameter: "cpu" } });

    const client = await t.signUp();
    await post(t, { accountId: client.accountId, amount: 1000 });
    const ordered = await order(t, client.token, [{ productId: product.id, periodMonths: 1, parameters: { cpu: -5 } }]);
    expect(ordered.status).toBe(422);
    expect(await balanceOf(t, client.accountId)).toBe(1000);
    expect(await t.cabinet.db("ledger_entries").where({ account_id: client.accountId, kind: "charge" })).toHaveLength(0);
  });

  it("refuses a product whose stored prices would total below zero", async () => {
    const product = await addProduct(t, { parameters: [cpu({ unitPrice: { USD: -500 } }) as never] });
    const quote = await t.request("POST", "/api/v1/catalog/quote", { body: { productId: product.id, periodMonths: 1, parameters: { cpu: 2 } } });
    expect(quote.status).toBe(422);
    expect(quote.body.error).toMatchObject({ code: "CAB_ERR_UNPROCESSABLE", details: { reason: "negative price" } });
    const products = t.cabinet.container.resolve(ProductRepository);
    await products.replacePrices(product.id, [{ currency: "USD", periodMonths: 1, amount: 100, setupFee: -300 }], t.clock.now());
    const client = await t.signUp();
    const ordered = await order(t, client.token, [{ productId: product.id, periodMonths: 1, parameters: { cpu: 0 } }]);
    expect(ordered.status).toBe(422);
    expect(await balanceOf(t, client.accountId)).toBe(0);
  });
});

describe("the ledger", () => {
  it("refuses a charge that adds to the balance, and a payment or credit that takes from it", async () => {
    const client = await t.signUp();
    const postEntry = t.cabinet.container.resolve(PostLedgerEntry);
    const attempt = (kind: "charge" | "payment" | "credit", amount: number) =>
      t.cabinet.db.transaction((trx) =>
        postEntry.execute(trx, { accountId: client.accountId, amount, currency: "USD", kind, description: "probe", idempotencyKey: `probe:${kind}:${amount}` }),
      );
    await expect(attempt("charge", 400)).rejects.toThrow(/charge must be negative/);
    await expect(attempt("payment", -400)).rejects.toThrow(/payment must be positive/);
    await expect(attempt("credit", -400)).rejects.toThrow(/credit must be positive/);
    expect(await balanceOf(t, client.accountId)).toBe(0);
    expect((await attempt("charge", -1)).status).toBe("insufficient_funds");
  });
});
