import { expect, test } from "./fixtures.js";
import { demoBrand } from "../core/dist/seed/demo-data.js";

// The demo provider's own site tells the truth: its plans, prices, setup fees and VAT statement
// are the catalog's and the brand's (rendered when served), and its footer links lead somewhere.

const money = (amount: { amount: number; currency: string }) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: amount.currency }).format(amount.amount / 100);

test.describe("the demo site", () => {
  test("shows the catalog's products at the catalog's prices, its setup fees and the brand's VAT", async ({ page }) => {
    const catalog = await (await page.request.get("/api/v1/catalog", { headers: { "x-cabinet-brand": demoBrand.slug } })).json();
    expect(catalog.items.length).toBeGreaterThan(0);
    await page.goto("/");
    const plans = page.locator("#plans .plan");
    await expect(plans).toHaveCount(catalog.items.length);
    for (const product of catalog.items) {
      const card = page.locator(`#plan-${product.code}`);
      const first = product.prices[0];
      await expect(card.getByRole("heading", { level: 3 })).toHaveText(product.name);
      await expect(card.locator(".plan-amount")).toHaveText(money(first.amount));
      await expect(card.locator(".plan-period")).toHaveText(
        first.periodMonths === 1 ? "month" : first.periodMonths === 12 ? "year" : `${first.periodMonths} months`,
      );
      if (first.setupFee.amount > 0) await expect(card.locator(".plan-setup-fee")).toHaveText(money(first.setupFee));
      else await expect(card.locator(".plan-setup")).toHaveCount(0);
    }
    // The demo's dedicated server has a $50 setup fee and its prices include 21% VAT: the copy says so.
    expect(catalog.items.some((p: any) => p.prices[0].setupFee.amount > 0)).toBe(true);
    const terms = page.locator("#plans-terms");
    await expect(terms).toHaveText("A one-time setup fee applies where shown. Prices include 21% VAT.");
    await expect(page.locator("body")).not.toContainText(/no setup fees|exclude VAT/i);
    // The services page, where the order is placed, states the same VAT.
    const order = await page.request.get("/services.html");
    expect(await order.text()).toContain("Prices include 21% VAT.");
  });

  test("the footer carries the brand's legal details, and its links lead to the terms, the privacy policy and the status", async ({ page }) => {
    await page.goto("/billing.html");
    const footer = page.locator("footer.site-footer");
    await expect(footer).toContainText(demoBrand.legal.legalName);
    await expect(footer).toContainText(`VAT ${demoBrand.legal.taxId}`);
    await expect(footer).toContainText(demoBrand.support.email);

    await footer.getByRole("link", { name: "Terms of service" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Terms of service");
    await expect(page.locator("main")).toContainText("Services are paid in advance");
    // The text is the brand's published document, as the API gives it.
    const documents = await (await page.request.get("/api/v1/legal-documents", { headers: { "x-cabinet-brand": demoBrand.slug } })).json();
    const termsDoc = documents.items.find((d: any) => d.kind === "terms");
    await expect(page.locator("main")).toContainText(`Version ${termsDoc.version}`);

    await page.locator("footer.site-footer").getByRole("link", { name: "Privacy policy" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy policy");

    await page.locator("footer.site-footer").getByRole("link", { name: "Status" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Status");
    await expect(page.locator(".status-item")).toHaveCount(2);
    await expect(page.locator(".status-item.is-ok")).toHaveCount(2);
  });

  test("one header and footer on every page, with the current page marked", async ({ page }) => {
    for (const [path, current] of [
      ["/services.html", "Services"],
      ["/billing.html", "Billing"],
      ["/support.html", "Support"],
      ["/settings.html", "Settings"],
      ["/team.html", "Team"],
    ] as const) {
      await page.goto(path);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText(["Plans", "Services", "Billing", "Support", "Settings", "Team"]);
      await expect(nav.locator("[aria-current=page]")).toHaveText(current);
      await expect(page.locator("footer.site-footer").getByRole("link", { name: "Status" })).toBeVisible();
      // On a desktop the menu is open and its button hidden.
      await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    }
  });
});
