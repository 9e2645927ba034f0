import { afterEach, describe, expect, it } from "vitest";
import { createCabinet, PluginError, type Brand, type BrandLookup, type Cabinet } from "@cabinet/core";
import bankTransferPlugin, { BankTransferGateway, formatMoney, transferReference } from "../src/index.js";

const brand: Brand = {
  id: "brd_01jdtest0000000000000001",
  slug: "northwind",
  name: "Northwind Hosting",
  defaultCurrency: "EUR",
  defaultLocale: "en",
  allowedOrigins: [],
  signUpOpen: true,
  legal: {
    legalName: "Northwind Hosting B.V.",
    address: "Keizersgracht 123, Amsterdam",
    bank: { name: "Demo Bank N.V.", accountHolder: "Northwind Hosting B.V.", iban: "NL91 ABNA 0417 1643 00", bic: "ABNANL2A" },
  },
  vatRateBp: 2100,
  vatInclusive: true,
  invoicePrefix: "NW",
  topUp: { min: 500, max: 500_000 },
};

const lookup = (...brands: Brand[]): BrandLookup => ({
  byId: async (id) => brands.find((b) => b.id === id),
  bySlug: async (slug) => brands.find((b) => b.slug === slug),
});

const start = (gateway: BankTransferGateway, overrides: Partial<Parameters<BankTransferGateway["startPayment"]>[0]> = {}) =>
  gateway.startPayment({
    paymentId: "pay_01jdtest0000000000000001",
    brandId: brand.id,
    accountId: "acc_01jdtest0000000000000001",
    amount: { amount: 2500, currency: "EUR" },
    description: "Balance top-up",
    returnUrl: "https://my.example.com/billing",
    cancelUrl: "https://my.example.com/billing",
    ...overrides,
  });

describe("transferReference", () => {
  it("is the brand's prefix and eight characters no one misreads, the same for the same payment", () => {
    const reference = transferReference("NW", "pay_01jdtest0000000000000001");
    expect(reference).toMatch(/^NW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(transferReference("NW", "pay_01jdtest0000000000000001")).toBe(reference);
  });

  it("differs for ids made one after another, which differ only in their last characters", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `pay_01jdtest00000000${String(i).padStart(6, "0")}`);
    const references = ids.map((id) => transferReference("NW", id));
    expect(new Set(references).size).toBe(ids.length);
    // Neighbours share no more than chance would have them share.
    const sameTail = references.slice(1).filter((r, i) => r.slice(-4) === references[i].slice(-4)).length;
    expect(sameTail).toBeLessThan(5);
  });

  it("cleans the prefix to upper-case letters and digits, with a fallback", () => {
    expect(transferReference("nw-ab", "pay_x")).toMatch(/^NWAB-/);
    expect(transferReference("--", "pay_x")).toMatch(/^PAY-/);
    expect(transferReference("VERYLONGPREFIX", "pay_x")).toMatch(/^VERYLONG-/);
  });
});

describe("formatMoney", () => {
  it("writes minor units in the currency's own decimals, without floats", () => {
    expect(formatMoney({ amount: 2500, currency: "EUR" })).toBe("25.00 EUR");
    expect(formatMoney({ amount: 5, currency: "USD" })).toBe("0.05 USD");
    expect(formatMoney({ amount: 1200, currency: "JPY" })).toBe("1200 JPY");
    expect(formatMoney({ amount: 123456789, currency: "KWD" })).toBe("123456.789 KWD");
    expect(formatMoney({ amount: 9_007_199_254_740_99, currency: "USD" })).toBe("9007199254740.99 USD");
  });
});

describe("the bank-transfer gateway", () => {
  it("answers instructions with the brand's bank details and a reference, which is also the gateway reference", async () => {
    const gateway = new BankTransferGateway(lookup(brand), { displayName: "Bank transfer" });
    const answer = await start(gateway);
    const reference = transferReference("NW", "pay_01jdtest0000000000000001");
    expect(answer).toEqual({
      kind: "instructions",
      text: expect.any(String),
      details: { beneficiary: "Northwind Hosting B.V.", iban: "NL91ABNA0417164300", bic: "ABNANL2A", bank: "Demo Bank N.V.", reference, amount: "25.00 EUR" },
      gatewayReference: reference,
    });
    if (answer.kind !== "instructions") throw new Error("unreachable");
    expect(answer.text).toContain("25.00 EUR");
    expect(answer.text).toContain("NL91 ABNA 0417 1643 00");
    expect(answer.text).toContain(reference);
    // A retried start (same payment id) tells the client the same thing.
    expect(await start(gateway)).toEqual(answer);
  });

  it("refuses when the brand has no bank details", async () => {
    const noBank = { ...brand, id: "brd_01jdtest0000000000000002", legal: { ...brand.legal!, bank: undefined } };
    const gateway = new BankTransferGateway(lookup(brand, noBank), { displayName: "Bank transfer" });
    expect(await start(gateway, { brandId: noBank.id })).toEqual({ kind: "refused", reason: "the provider has no bank details for transfers" });
    expect(await start(gateway, { brandId: "brd_01jdnosuch000000000000" })).toMatchObject({ kind: "refused" });
  });

  it("takes no webhooks, stays pending, and has no refund (staff refund by hand)", async () => {
    const gateway = new BankTransferGateway(lookup(brand), { displayName: "Bank transfer" });
    expect(await gateway.parseWebhook()).toMatchObject({ status: "rejected" });
    expect(await gateway.fetchStatus()).toEqual({ result: "pending" });
    expect((gateway as { refund?: unknown }).refund).toBeUndefined();
  });
});

describe("the payment-bank-transfer plugin", () => {
  const quiet = { env: "test" as const, log: { level: "silent" as const }, database: { url: "sqlite::memory:" } };
  let cabinet: Cabinet | undefined;
  afterEach(async () => {
    await cabinet?.stop();
    cabinet = undefined;
  });

  it('registers payment-gateway "bank-transfer" with its display name (default: Bank transfer)', async () => {
    cabinet = await createCabinet({ ...quiet, plugins: [{ name: "payment-bank-transfer", options: {} }] }, { plugins: [bankTransferPlugin] });
    const gateway = cabinet.extensions.get("payment-gateway", "bank-transfer");
    expect(gateway).toBeInstanceOf(BankTransferGateway);
    expect(gateway?.displayName).toBe("Bank transfer");
    await cabinet.stop();
    cabinet = await createCabinet(
      { ...quiet, plugins: [{ name: "payment-bank-transfer", options: { displayName: "SEPA transfer" } }] },
      { plugins: [bankTransferPlugin] },
    );
    expect(cabinet.extensions.get("payment-gateway", "bank-transfer")?.displayName).toBe("SEPA transfer");
  });

  it("refuses bad options at start-up, naming the field", async () => {
    for (const [options, message] of [
      [{ displayName: "" }, 'Plugin "payment-bank-transfer" options: displayName must NOT have fewer than 1 characters'],
      [{ iban: "NL91" }, 'Plugin "payment-bank-transfer" options: iban is not a known option'],
    ] as const) {
      const refused = await createCabinet({ ...quiet, plugins: [{ name: "payment-bank-transfer", options }] }, { plugins: [bankTransferPlugin] }).then(
        async (c) => {
          await c.stop();
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(PluginError);
      expect((refused as Error).message).toBe(message);
    }
  });
});
