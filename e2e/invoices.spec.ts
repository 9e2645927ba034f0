import type { Page, Route } from "@playwright/test";
import { expect, openBillingPage, payWithCard, seriousViolations, signIn, signUpClient, test } from "./fixtures.js";

test.describe("Alice's open invoice (the demo's, for her server awaiting payment)", () => {
  // Only Alice has an invoice, and other tests expect her services as seeded: these steps
  // change nothing (a declined payment leaves the invoice open and the server awaiting payment).
  test("cannot be paid from an empty balance, says why; a declined payment of all open invoices leaves it open", async ({ page }) => {
    await page.goto("/billing.html");
    await signIn(page);
    const invoices = page.locator("cab-invoices");
    const invoice = invoices.getByRole("listitem").filter({ hasText: "Dedicated Server “db-01”" });
    await expect(invoice).toContainText("Open");
    await expect(invoice).toContainText("$129.00");
    const pay = invoice.getByRole("button", { name: "Pay from balance" });
    await expect(pay).toBeDisabled();
    await expect(pay).toHaveAccessibleDescription("Your available balance ($0.00) does not cover this invoice.");

    await expect(invoices.getByText("You have 1 open invoice for $129.00.")).toBeVisible();
    await invoices.getByRole("radio", { name: "Test card (sandbox)" }).check();
    await invoices.getByRole("button", { name: "Pay all open invoices ($129.00)" }).click();
    await page.waitForURL(/\/plugins\/payment-sandbox\/checkout\/sbx_/);
    await payWithCard(page, "4000 0000 0000 0002", "$129.00");

    await page.waitForURL((url) => url.pathname === "/billing.html");
    await expect(invoices.getByRole("alert")).toContainText("The payment was declined.");
    await expect(invoice).toContainText("Open");
    // The top-up widget does not claim an invoice payment's outcome.
    await expect(page.locator("cab-balance").getByText("The payment was declined.")).toHaveCount(0);
    await expect(page.locator("cab-payments").getByRole("row").filter({ hasText: "An invoice" }).first()).toContainText("Failed");
  });
});

// A client cannot get an invoice issued yet (ordering comes later), and the demo's one is
// Alice's, which other tests need open. For the rest — a paid and an overdue invoice, paying
// from the balance, instructions — these tests answer the invoice calls in the browser with
// the API's documented shapes and check what <cab-invoices> shows and sends. The rest of the
// session (sign-up, cookie, CSRF) is the real demo's.

const usd = (amount: number) => ({ amount, currency: "USD" });
const day = 86_400_000;

function invoice(
  id: string,
  number: string,
  status: "issued" | "paid",
  total: number,
  issuedDaysAgo: number,
  dueInDays: number,
  lines: [string, number, number][],
) {
  const tax = Math.round((total * 21) / 121);
  return {
    id,
    number,
    status,
    purpose: "renewal",
    subtotal: usd(total - tax),
    tax: usd(tax),
    total: usd(total),
    taxRatePercent: 21,
    taxInclusive: true,
    issuedAt: new Date(Date.now() - issuedDaysAgo * day).toISOString(),
    dueAt: new Date(Date.now() + dueInDays * day).toISOString(),
    paidAt: status === "paid" ? new Date(Date.now() - day).toISOString() : null,
    lines: lines.map(([description, quantity, unit]) => ({ description, quantity, unitAmount: usd(unit), amount: usd(unit * quantity), serviceId: null })),
  };
}

/** Three invoices (newest first): a small open one, an overdue one the balance does not cover, a paid one. */
async function answerInvoiceCalls(page: Page) {
  const invoices = [
    invoice("inv_01m8a00000000000000003", "NW-2026-000003", "issued", 400, 1, 13, [["Domain alice-blog.net, DNS", 1, 400]]),
    invoice("inv_01m8a00000000000000002", "NW-2026-000002", "issued", 1800, 20, -6, [["Cloud VPS web-01, December", 1, 1800]]),
    invoice("inv_01m8a00000000000000001", "NW-2026-000001", "paid", 4800, 60, -46, [["Shared Hosting alice-blog.net, 1 year", 1, 4800]]),
  ];
  const started: unknown[] = [];
  const json = (route: Route, body: unknown, status = 200) => route.fulfill({ status, json: body });

  await page.route("**/api/v1/balance", (route) =>
    json(route, { balance: usd(1000), creditLimit: usd(0), available: usd(1000), upcomingRenewals: { ...usd(1800), days: 30 }, recommendedTopUp: usd(800) }),
  );
  await page.route("**/api/v1/payments/gateways", (route) =>
    json(route, {
      items: [
        { id: "sandbox", displayName: "Test card (sandbox)" },
        { id: "bank-transfer", displayName: "Bank transfer" },
      ],
    }),
  );
  await page.route(/\/api\/v1\/invoices(\?.*)?$/, (route) => {
    const status = new URL(route.request().url()).searchParams.get("status");
    json(route, { items: invoices.filter((i) => !status || i.status === status), nextCursor: null });
  });
  await page.route(/\/api\/v1\/invoices\/inv_\w+\/pay-from-balance$/, (route) => {
    const id = new URL(route.request().url()).pathname.split("/")[4];
    const target = invoices.find((i) => i.id === id)!;
    if (target.total.amount > 1000) {
      return json(
        route,
        {
          error: {
            code: "CAB_ERR_INSUFFICIENT_FUNDS",
            message: "The balance does not cover this payment.",
            details: { required: target.total, available: usd(1000) },
          },
        },
        402,
      );
    }
    Object.assign(target, { status: "paid", paidAt: new Date().toISOString() });
    json(route, target);
  });
  await page.route(/\/api\/v1\/payments$/, (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const body = route.request().postDataJSON();
    started.push({ body, csrf: route.request().headers()["x-csrf-token"] });
    json(
      route,
      {
        id: "pay_01m8a0000000000000000a",
        gateway: body.gateway,
        amount: usd(2200),
        status: "pending",
        purpose: "invoices",
        invoiceIds: body.invoiceIds,
        nextAction: {
          kind: "instructions",
          text: "Transfer $22.00 to Northwind Hosting B.V. with the reference below.",
          details: { IBAN: "NL91ABNA0417164300", Reference: "NW-PAY-7Q2K" },
          gatewayReference: "bt_1",
        },
        failureReason: null,
        received: null,
        refunded: usd(0),
        createdAt: new Date().toISOString(),
        settledAt: null,
      },
      201,
    );
  });
  return { started };
}

test.describe("invoices (API answered in the browser until invoices can be issued)", () => {
  test("lists invoices, opens their lines and VAT, pays from the balance only when it covers them", async ({ page }) => {
    await signUpClient(page);
    await answerInvoiceCalls(page);
    await openBillingPage(page);
    const invoices = page.locator("cab-invoices");
    const items = invoices.getByRole("listitem");
    await expect(items).toHaveCount(3);

    const overdue = items.filter({ hasText: "NW-2026-000002" });
    await expect(overdue).toContainText("Overdue");
    await expect(overdue).toContainText("$18.00");
    // Not covered by the $10.00 available: disabled, and it says why.
    const payOverdue = overdue.getByRole("button", { name: "Pay from balance" });
    await expect(payOverdue).toBeDisabled();
    await expect(payOverdue).toHaveAccessibleDescription("Your available balance ($10.00) does not cover this invoice.");

    await overdue.getByRole("button", { name: "Show details" }).click();
    await expect(overdue.getByRole("button", { name: "Hide details" })).toHaveAttribute("aria-expanded", "true");
    const lines = overdue.getByRole("table");
    await expect(lines.getByRole("row").filter({ hasText: "Cloud VPS web-01, December" })).toContainText("$18.00");
    await expect(lines.getByRole("row").filter({ hasText: "Subtotal excluding VAT" })).toContainText("$14.88");
    await expect(lines.getByRole("row").filter({ hasText: "VAT 21% (included in the prices)" })).toContainText("$3.12");
    await expect(lines.getByRole("row").filter({ hasText: "Total" }).last()).toContainText("$18.00");
    expect(await seriousViolations(page)).toEqual([]);

    await expect(items.filter({ hasText: "NW-2026-000001" })).toContainText("Paid");
    await expect(items.filter({ hasText: "NW-2026-000001" }).getByRole("button", { name: "Pay from balance" })).toHaveCount(0);

    const small = items.filter({ hasText: "NW-2026-000003" });
    await small.getByRole("button", { name: "Pay from balance" }).click();
    await expect(invoices.getByRole("status").filter({ hasText: "Invoice NW-2026-000003 is paid." })).toBeVisible();
    await expect(small).toContainText("Paid");

    await invoices.getByLabel("Status").selectOption("issued");
    await expect(items).toHaveCount(1);
  });

  test("pays every open invoice in one payment through the chosen method and shows its instructions", async ({ page }) => {
    const client = await signUpClient(page);
    const { started } = await answerInvoiceCalls(page);
    await openBillingPage(page);
    const invoices = page.locator("cab-invoices");
    await expect(invoices.getByText("You have 2 open invoices for $22.00 in total.")).toBeVisible();

    const payAll = invoices.getByRole("form");
    await payAll.getByRole("radio", { name: "Bank transfer" }).check();
    await payAll.getByRole("button", { name: "Pay all open invoices ($22.00)" }).click();

    await expect(invoices.getByText("How to complete the payment")).toBeVisible();
    await expect(invoices.getByText("Transfer $22.00 to Northwind Hosting B.V.")).toBeVisible();
    await expect(invoices.getByRole("definition").filter({ hasText: "NL91ABNA0417164300" })).toBeVisible();
    expect(started).toEqual([
      {
        csrf: client.csrfToken,
        body: {
          gateway: "bank-transfer",
          // Oldest first: the most pressing, should there be more than one payment takes.
          invoiceIds: ["inv_01m8a00000000000000002", "inv_01m8a00000000000000003"],
          returnUrl: new URL("/billing.html", page.url()).href,
        },
      },
    ]);
    expect(page.url()).toMatch(/\/billing\.html$/); // instructions, not a redirect
  });
});
