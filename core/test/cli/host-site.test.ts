import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostSiteRenderer, vatStatement } from "../../src/cli/host-site.js";
import { BrandRepository, UpdateBrand } from "../../src/modules/brands/index.js";
import { ProductRepository } from "../../src/modules/catalog/index.js";
import { SetProductPrices } from "../../src/modules/catalog/set-product-prices.js";
import { UpdateProduct } from "../../src/modules/catalog/update-product.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// The demo's host site, rendered when served: what it says about plans, prices, setup fees and
// VAT is the catalog's and the brand's, now — not what someone once typed into the page.
const siteDir = fileURLToPath(new URL("../../../host-examples/static-site", import.meta.url));
const brandHeader = { "x-cabinet-brand": "demo" };
const money = (minor: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);

/** The plan cards of the home page: product code → [amount, period, setup fee or null]. */
function plans(html: string): Record<string, [string, string, string | null]> {
  const cards: Record<string, [string, string, string | null]> = {};
  for (const card of html.split('<li class="plan" ').slice(1)) {
    const code = /data-product="([^"]+)"/.exec(card)![1];
    const amount = /class="plan-amount">([^<]+)</.exec(card)![1];
    const period = /class="plan-period">([^<]+)</.exec(card)![1];
    cards[code] = [amount, period, /class="plan-setup-fee">([^<]+)</.exec(card)?.[1] ?? null];
  }
  return cards;
}

describe("the demo's host site", () => {
  let t: TestCabinet;

  beforeAll(async () => {
    t = await startTestCabinet({ staticDirs: [{ prefix: "/", dir: siteDir, render: hostSiteRenderer(siteDir, "demo") }] });
  });
  afterAll(() => t.close());

  async function page(path: string): Promise<string> {
    const answer = await t.request("GET", path);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    return answer.body as string;
  }

  it("shows each product of the catalog at the catalog's first price, with its setup fee", async () => {
    const catalog = (await t.request("GET", "/api/v1/catalog", { headers: brandHeader })).body;
    const expected = Object.fromEntries(
      catalog.items.map((p: any) => [
        p.code,
        [
          money(p.prices[0].amount.amount),
          p.prices[0].periodMonths === 12 ? "year" : "month",
          p.prices[0].setupFee.amount > 0 ? money(p.prices[0].setupFee.amount) : null,
        ],
      ]),
    );
    const html = await page("/");
    expect(plans(html)).toEqual(expected);
    expect(html).toContain("A one-time setup fee applies where shown. Prices include 21% VAT.");
    expect(html).not.toMatch(/no setup fees/i);
  });

  it("follows a price, a name and a VAT change at once, and escapes what it prints", async () => {
    const brand = (await t.cabinet.container.resolve(BrandRepository).findBySlug("demo"))!;
    const sharedId = (await t.cabinet.container.resolve(ProductRepository).listForBrand(brand.id, ["active"])).find((p) => p.code === "shared")!.id;
    const auth = { brandId: brand.id };
    await t.cabinet.container.resolve(SetProductPrices).execute(auth, sharedId, [{ currency: "USD", periodMonths: 1, amount: 199, setupFee: 0 }]);
    await t.cabinet.container.resolve(UpdateProduct).execute(auth, sharedId, { name: "Shared <Hosting> & more" }, brand.locales);
    await t.cabinet.container.resolve(UpdateBrand).execute("demo", { vatInclusive: false, vatRateBp: 1900 });

    const html = await page("/");
    expect(plans(html).shared).toEqual(["$1.99", "month", null]);
    expect(html).toContain("Shared &lt;Hosting&gt; &amp; more");
    expect(html).toContain("Prices exclude VAT; 19% VAT is added to the invoice.");
    expect(await page("/services.html")).toContain("Prices exclude VAT; 19% VAT is added to the invoice.");
  });

  it("links the footer to published legal documents only, and shows them", async () => {
    expect(await page("/")).not.toContain("/legal.html?kind=terms");
    expect(await page("/legal.html?kind=terms")).toContain("has not published this document");
  });

  it("shares one header and footer: the current page is marked, the brand's details are printed", async () => {
    const html = await page("/billing.html");
    expect(html).not.toContain("{{");
    expect(html).toMatch(/<a href="\/billing.html" aria-current="page">Billing<\/a>/);
    expect(html).toContain('aria-controls="main-nav"');
    expect(html).toContain("VAT NL123456789B01");
    expect(await page("/status.html")).toContain("Operational");
  });

  it("says the VAT per the brand's rate and mode", () => {
    expect(vatStatement({ vatRateBp: 2100, vatInclusive: true })).toBe("Prices include 21% VAT.");
    expect(vatStatement({ vatRateBp: 1950, vatInclusive: false })).toBe("Prices exclude VAT; 19.5% VAT is added to the invoice.");
    expect(vatStatement({ vatRateBp: 0, vatInclusive: true })).toBe("No VAT is charged on our prices.");
  });
});
