import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, find, hasPart, me, mount, shows, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-order.js";

const eur = (amount: number) => ({ amount, currency: "EUR" });
const product = {
  id: "prd_1",
  code: "vps",
  name: "VPS S",
  type: "vps",
  description: "A small server",
  parameters: [],
  prices: [{ periodMonths: 1, amount: eur(1000), setupFee: eur(0) }],
  downgradeRule: "next_renewal",
  cancelRefund: "prorated",
};
const quote = {
  productId: "prd_1",
  periodMonths: 1,
  currency: "EUR",
  parameters: {},
  lines: [{ code: "base", description: "VPS S, 1 month", amount: eur(1000) }],
  setupFee: eur(0),
  total: eur(1000),
  perPeriod: eur(1000),
};
const routes = { "POST /catalog/quote": json(200, quote), "GET /payers": json(200, { items: [] }) };

describe("<cab-order>", () => {
  afterEach(unmount);

  it("says it is loading, then offers the catalog with its live price", async () => {
    const answer = held();
    const { element } = await mount("cab-order", { ...routes, "GET /catalog": answer.answer });
    await shows(element, "Loading…");
    answer.release(json(200, { items: [product] }));
    await shows(element, "VPS S, 1 month");
  });

  it("says when nothing is on offer", async () => {
    const { element } = await mount("cab-order", { ...routes, "GET /catalog": json(200, { items: [] }) });
    await shows(element, "No products are on offer at the moment.");
  });

  it("says why the catalog could not load, with the code, and loads it again on Try again", async () => {
    const { element, api } = await mount("cab-order", {
      ...routes,
      "GET /catalog": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, { items: [product] })],
    });
    await failsThenRetries(element, api, "GET /catalog", "VPS S");
  });

  it("shows a visitor the catalog too, ordering needing a sign-in", async () => {
    const { element } = await mount("cab-order", { ...routes, "GET /catalog": json(200, { items: [product] }) }, { who: null });
    await shows(element, "VPS S");
    await hasPart(element, "signed-out");
    expect(find(element, '[part~="submit"]')).toBeNull();
  });

  it("shows a user who may only view services the catalog, and says ordering is not theirs to do", async () => {
    const { element } = await mount("cab-order", { ...routes, "GET /catalog": json(200, { items: [product] }) }, { who: me({ services: ["view"] }) });
    await hasPart(element, "forbidden");
    expect(textOf(element)).toContain("VPS S");
    expect(find(element, '[part~="submit"]')).toBeNull();
  });

  it("is hidden from a user without the services rights", async () => {
    const { element, api } = await mount("cab-order", {}, { who: me({ finance: ["view"] }) });
    await hasPart(element, "forbidden");
    expect(textOf(element)).not.toContain("VPS S");
    expect(api.callsTo("GET /catalog")).toHaveLength(0);
  });
});
