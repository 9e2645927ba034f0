import type { Page } from "@playwright/test";
import { alice, expect, openBillingPage, test } from "./fixtures.js";

// A provider's page with the services and the billing widgets together, on the demo's origin.
const hostPage = `<!doctype html><html lang="en"><head><title>Services and billing</title>
<script type="module" src="/widgets/cabinet.js"></script></head><body><main>
<cab-config locale="en"></cab-config>
<cab-services page-size="10"></cab-services>
<cab-order></cab-order>
<cab-balance></cab-balance>
<cab-invoices page-size="10"></cab-invoices>
<cab-ledger page-size="20" months="12"></cab-ledger>
<cab-payments page-size="10"></cab-payments>
<cab-documents page-size="10"></cab-documents>
</main></body></html>`;

/**
 * Every API request the page makes from now on: by path (`paths`) and by resource, the path
 * with its query (`resources`). `<cab-invoices>` finds the open invoices ("Pay all") in its
 * page of the list when that page holds every invoice, as the demo's clients' do.
 */
function recordApiCalls(page: Page): { paths: Map<string, number>; resources: Map<string, number> } {
  const paths = new Map<string, number>();
  const resources = new Map<string, number>();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith("/api/v1/") || request.method() === "OPTIONS") return;
    const key = `${request.method()} ${url.pathname}`;
    paths.set(key, (paths.get(key) ?? 0) + 1);
    resources.set(key + url.search, (resources.get(key + url.search) ?? 0) + 1);
  });
  return { paths, resources };
}

async function signInAlice(page: Page) {
  const answer = await page.request.post("/api/v1/auth/sign-in", { data: { email: alice.email, password: alice.password, mode: "cookie" } });
  expect(answer.status(), await answer.text()).toBe(200);
}

const repeated = (calls: Map<string, number>) => [...calls].filter(([, count]) => count > 1).map(([key]) => key);

test.describe("each widget's data is loaded once per page", () => {
  test("a page with the services and billing widgets asks each API path at most once on load", async ({ page }) => {
    await signInAlice(page);
    await page.route("**/services-and-billing.html", (route) => route.fulfill({ contentType: "text/html", body: hostPage }));
    const { paths: calls, resources } = recordApiCalls(page);
    await page.goto("/services-and-billing.html");
    // Every widget shows its data: the lists, the balance, the chart's table, the catalog.
    await expect(page.locator("cab-balance").getByText("Available to spend")).toBeVisible({ timeout: 30_000 });
    await expect(page.locator("cab-order").getByRole("button", { name: /order/i }).first()).toBeVisible({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    console.log("API calls on load:", JSON.stringify(Object.fromEntries(calls)));
    for (const path of ["balance", "catalog", "services", "ledger", "ledger/monthly", "payments", "payments/gateways", "invoices", "documents"]) {
      expect(calls.get(`GET /api/v1/${path}`), path).toBeGreaterThanOrEqual(1);
    }
    expect(calls.get("GET /api/v1/balance")).toBe(1);
    expect(calls.get("GET /api/v1/catalog")).toBe(1);
    // The list and "Pay all" (one page holds every invoice); the order form and the statement request.
    expect(calls.get("GET /api/v1/invoices")).toBe(1);
    expect(calls.get("GET /api/v1/payers")).toBe(1);
    expect(repeated(resources)).toEqual([]);
    expect(repeated(calls)).toEqual([]);
  });

  test("the host example's billing page asks each API path at most once on load", async ({ page }) => {
    await signInAlice(page);
    const { paths: calls, resources } = recordApiCalls(page);
    await openBillingPage(page);
    await page.waitForLoadState("networkidle");
    console.log("billing page API calls:", JSON.stringify(Object.fromEntries(calls)));
    expect(calls.get("GET /api/v1/balance")).toBe(1);
    expect(calls.get("GET /api/v1/invoices")).toBe(1);
    expect(repeated(resources)).toEqual([]);
    expect(repeated(calls)).toEqual([]);
  });
});
