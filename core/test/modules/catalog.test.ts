import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { signInStaff } from "../support/staff-helpers.js";

let t: TestCabinet;
let ids: Record<string, string>;
beforeAll(async () => {
  t = await startTestCabinet();
  const catalog = await t.request("GET", "/api/v1/catalog");
  ids = Object.fromEntries(catalog.body.items.map((p: { code: string; id: string }) => [p.code, p.id]));
});
afterAll(() => t.close());

const quote = (body: Record<string, unknown>) => t.request("POST", "/api/v1/catalog/quote", { body });

describe("GET /api/v1/catalog", () => {
  it("shows a signed-out visitor the brand's active products with parameters and prices in the brand's currency", async () => {
    const response = await t.request("GET", "/api/v1/catalog");
    expect(response.status).toBe(200);
    expect(response.body.items.map((p: { code: string }) => p.code)).toEqual(["dedicated", "domain", "shared", "vps"]);
    const vps = response.body.items.find((p: { code: string }) => p.code === "vps");
    expect(vps.prices).toEqual([
      { periodMonths: 1, amount: { amount: 300, currency: "USD" }, setupFee: { amount: 0, currency: "USD" } },
      { periodMonths: 3, amount: { amount: 900, currency: "USD" }, setupFee: { amount: 0, currency: "USD" } },
      { periodMonths: 6, amount: { amount: 1620, currency: "USD" }, setupFee: { amount: 0, currency: "USD" } },
      { periodMonths: 12, amount: { amount: 3060, currency: "USD" }, setupFee: { amount: 0, currency: "USD" } },
    ]);
    expect(vps.parameters[0]).toEqual({
      key: "cpu",
      label: "CPU cores",
      kind: "integer",
      min: 1,
      max: 16,
      step: 1,
      default: 2,
      unit: "cores",
      unitPrice: { amount: 200, currency: "USD" },
    });
    expect(vps.parameters.find((p: { key: string }) => p.key === "os").options[0]).toEqual({
      value: "debian-12",
      label: "Debian 12",
      price: { amount: 0, currency: "USD" },
    });
    expect(vps.parameters.find((p: { key: string }) => p.key === "backups")).toMatchObject({
      kind: "boolean",
      default: false,
      price: { amount: 300, currency: "USD" },
    });
  });

  it("leaves out products with no price in the asked currency", async () => {
    expect((await t.request("GET", "/api/v1/catalog?currency=EUR")).body.items).toEqual([]);
    expect((await t.request("GET", "/api/v1/catalog?currency=usd")).status).toBe(400);
  });
});

describe("POST /api/v1/catalog/quote", () => {
  it("prices every demo client's service at what it costs: the seed and the price rule agree", async () => {
    for (const email of ["alice@example.com", "bob@example.com", "carol@example.com"]) {
      const token = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email, password: "northwind-demo", mode: "bearer" } })).body.token;
      for (const service of (await t.request("GET", "/api/v1/services?limit=100", { token })).body.items) {
        const priced = await quote({ productId: service.product.id, periodMonths: service.periodMonths, parameters: service.parameters });
        expect(priced.body.perPeriod, `${email} ${service.label}`).toEqual(service.price);
      }
    }
  });

  it("prices a period as its base price plus each parameter's monthly price × months, defaults filled in", async () => {
    const response = await quote({ productId: ids.vps, periodMonths: 1 });
    expect(response.status).toBe(200);
    // 300 base + 2 cores × 200 + 4 GB × 100 + 80 GB × 5; Debian free, no backups.
    expect(response.body).toMatchObject({
      periodMonths: 1,
      currency: "USD",
      perPeriod: { amount: 1500, currency: "USD" },
      setupFee: { amount: 0, currency: "USD" },
      total: { amount: 1500, currency: "USD" },
    });
    expect(response.body.parameters).toEqual({ cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: false });
    expect(response.body.lines.map((l: { code: string; amount: { amount: number } }) => [l.code, l.amount.amount])).toEqual([
      ["base", 300],
      ["parameter:cpu", 400],
      ["parameter:ram", 400],
      ["parameter:disk", 400],
    ]);

    const three = await quote({ productId: ids.vps, periodMonths: 3, parameters: { cpu: 4, backups: true } });
    // 900 + (4×200 + 4×100 + 80×5 + 300) × 3
    expect(three.body.perPeriod.amount).toBe(900 + (800 + 400 + 400 + 300) * 3);
  });

  it("adds the setup fee once, to the total only", async () => {
    const response = await quote({ productId: ids.dedicated, periodMonths: 1, parameters: { dc: "fra-1" } });
    expect(response.body).toMatchObject({ perPeriod: { amount: 12900 + 500 }, setupFee: { amount: 5000 }, total: { amount: 12900 + 500 + 5000 } });
  });

  it.each([
    [{ cpu: 17 }, "cpu", "must be between 1 and 16"],
    [{ cpu: 0 }, "cpu", "must be between 1 and 16"],
    [{ disk: 85 }, "disk", "must be 20 plus a multiple of 10"],
    [{ cpu: "two" }, "cpu", "must be an integer"],
    [{ cpu: 2.5 }, "cpu", "must be an integer"],
    [{ os: "windows" }, "os", "must be one of the options"],
    [{ backups: "yes" }, "backups", "must be true or false"],
    [{ gpu: 1 }, "gpu", "unknown parameter"],
  ])("refuses parameters %j with 422 naming %s", async (parameters, name, reason) => {
    const response = await quote({ productId: ids.vps, periodMonths: 1, parameters });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: "CAB_ERR_INVALID_PARAMETER", details: { parameter: name, reason } });
  });

  it("refuses a period without a price, a currency not offered, zero or negative periods, and an unknown product", async () => {
    const period = await quote({ productId: ids.vps, periodMonths: 2 });
    expect(period.status).toBe(422);
    expect(period.body.error).toMatchObject({ code: "CAB_ERR_PERIOD_NOT_OFFERED", details: { periodMonths: 2, offered: [1, 3, 6, 12] } });
    const currency = await quote({ productId: ids.vps, periodMonths: 1, currency: "EUR" });
    expect(currency.status).toBe(422);
    expect(currency.body.error).toMatchObject({ code: "CAB_ERR_CURRENCY_NOT_OFFERED", details: { currency: "EUR", offered: ["USD"] } });
    for (const periodMonths of [0, -1]) expect((await quote({ productId: ids.vps, periodMonths })).status).toBe(400);
    const unknown = await quote({ productId: "prd_0000000000000000000000", periodMonths: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("CAB_ERR_NOT_FOUND");
  });
});

describe("the staff catalog API", () => {
  it("lets an admin create a product with prices, reprice, hide and retire it; a retired product is not sold", async () => {
    const admin = await signInStaff(t, "admin");
    const created = await t.request("POST", "/api/v1/staff/products", {
      token: admin.token,
      body: {
        code: "backup-box",
        name: "Backup Box",
        type: "storage",
        parameters: [{ key: "size", label: "Size", kind: "integer", unit: "TB", min: 1, max: 10, step: 1, default: 1, unitPrice: { USD: 300 } }],
        prices: [{ currency: "USD", periodMonths: 1, amount: 200, setupFee: 100 }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "backup-box", status: "active", provisioner: "instant", downgradeRule: "next_renewal" });
    const id = created.body.id;
    expect((await quote({ productId: id, periodMonths: 1, parameters: { size: 2 } })).body.total.amount).toBe(200 + 600 + 100);

    const repriced = await t.request("PUT", `/api/v1/staff/products/${id}/prices`, {
      token: admin.token,
      body: { prices: [{ currency: "USD", periodMonths: 12, amount: 2000, setupFee: 0 }] },
    });
    expect(repriced.status).toBe(200);
    expect((await quote({ productId: id, periodMonths: 1 })).body.error.code).toBe("CAB_ERR_PERIOD_NOT_OFFERED");
    expect((await quote({ productId: id, periodMonths: 12 })).body.total.amount).toBe(2000 + 300 * 12);

    const hidden = await t.request("PATCH", `/api/v1/staff/products/${id}`, { token: admin.token, body: { status: "hidden" } });
    expect(hidden.body.status).toBe("hidden");
    expect((await t.request("GET", "/api/v1/catalog")).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await quote({ productId: id, periodMonths: 12 })).status).toBe(200); // hidden: still sold by its id

    await t.request("PATCH", `/api/v1/staff/products/${id}`, { token: admin.token, body: { status: "retired" } });
    const retired = await quote({ productId: id, periodMonths: 12 });
    expect(retired.status).toBe(422);
    expect(retired.body.error.code).toBe("CAB_ERR_PRODUCT_UNAVAILABLE");
    expect((await t.request("GET", "/api/v1/staff/products", { token: admin.token })).body.items.find((p: { id: string }) => p.id === id).status).toBe(
      "retired",
    );
  });

  it("refuses a taken code, inconsistent parameters, a twice-priced period, other roles and other brands", async () => {
    const admin = await signInStaff(t, "admin");
    const taken = await t.request("POST", "/api/v1/staff/products", { token: admin.token, body: { code: "vps", name: "Again", type: "vps" } });
    expect(taken.status).toBe(409);
    const badDefault = await t.request("POST", "/api/v1/staff/products", {
      token: admin.token,
      body: {
        code: "bad-default",
        name: "Bad",
        type: "vps",
        parameters: [{ key: "cpu", label: "CPU", kind: "integer", unit: "", min: 2, max: 8, step: 2, default: 3, unitPrice: {} }],
      },
    });
    expect(badDefault.status).toBe(422);
    expect(badDefault.body.error.details.parameter).toBe("cpu");
    const twice = await t.request("PUT", `/api/v1/staff/products/${ids.vps}/prices`, {
      token: admin.token,
      body: {
        prices: [
          { currency: "USD", periodMonths: 1, amount: 1, setupFee: 0 },
          { currency: "USD", periodMonths: 1, amount: 2, setupFee: 0 },
        ],
      },
    });
    expect(twice.status).toBe(422);
    expect((await quote({ productId: ids.vps, periodMonths: 1 })).body.total.amount).toBe(1500); // nothing changed

    const finance = await signInStaff(t, "finance");
    expect((await t.request("GET", "/api/v1/staff/products", { token: finance.token })).status).toBe(403);
    const client = await t.signUp();
    expect((await t.request("GET", "/api/v1/staff/products", { token: client.token })).status).toBe(401);

    await addBrand(t, "other-catalog");
    const stranger = await signInStaff(t, "admin", "other-catalog");
    expect((await t.request("PATCH", `/api/v1/staff/products/${ids.vps}`, { token: stranger.token, body: { status: "retired" } })).status).toBe(404);
    expect((await t.request("GET", "/api/v1/staff/products", { token: stranger.token })).body.items).toEqual([]);
  });
});
