import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { asMemberWith, expect, openBillingPage, payWithCard, seriousViolations, signUpClient, test, topUpByApi } from "./fixtures.js";

// Each test signs up its own client: a zero balance and an empty ledger, whatever ran before.

/** "Nov 2026"-style key of this month (UTC), as the chart's table rows carry it. */
const thisMonth = () => new Date().toISOString().slice(0, 7);

/** Records Cabinet's payment events in sessionStorage, so they survive the trip to the gateway and back. */
async function recordPaymentEvents(page: Page) {
  await page.addInitScript(() => {
    for (const type of ["cab-payment-started", "cab-payment-settled"]) {
      document.addEventListener(type, (e) => {
        const seen = JSON.parse(sessionStorage.getItem("seen") ?? "[]");
        const event = e as CustomEvent<{ payment: { id: string; status: string; amount: unknown } }>;
        seen.push({ type, bubbles: e.bubbles, composed: e.composed, status: event.detail.payment.status, amount: event.detail.payment.amount });
        sessionStorage.setItem("seen", JSON.stringify(seen));
      });
    }
  });
}

/** From the billing page to the sandbox's checkout: types the amount, picks the test card and presses "Top up". */
async function startTopUp(page: Page, amount: string) {
  const balance = page.locator("cab-balance");
  await balance.getByLabel("Amount (USD)").fill(amount);
  await balance.getByRole("radio", { name: "Test card (sandbox)" }).check();
  await balance.getByRole("button", { name: "Top up" }).click();
  await page.waitForURL(/\/plugins\/payment-sandbox\/checkout\/sbx_/);
}

test.describe("billing", () => {
  test("a top-up with the success card shows in the balance, the ledger, the chart, the payments and the CSV", async ({ page }) => {
    await recordPaymentEvents(page);
    await signUpClient(page);
    await openBillingPage(page);
    const balance = page.locator("cab-balance");
    const ledger = page.locator("cab-ledger");
    await expect(balance.getByRole("definition").first()).toHaveText("$0.00");
    await expect(ledger.getByText("No transactions yet.")).toBeVisible();
    await expect(ledger.getByText("No charges or payments in the last 12 months.")).toBeVisible();
    // The demo has two payment methods (the sandbox, bank transfers): a choice, the first one picked.
    await expect(balance.getByRole("group", { name: "Payment method" }).getByRole("radio")).toHaveCount(2);
    await expect(balance.getByRole("radio", { name: "Test card (sandbox)" })).toBeChecked();

    await startTopUp(page, "25");
    await payWithCard(page, "4242 4242 4242 4242", "$25.00");

    await page.waitForURL((url) => url.pathname === "/billing.html");
    await expect(balance.getByRole("status").filter({ hasText: "Payment received: $25.00" })).toBeVisible();
    // The gateway's ?payment= is gone from the address bar once the payment is known.
    await expect.poll(() => new URL(page.url()).search).toBe("");
    await expect(balance.getByRole("definition").first()).toHaveText("$25.00");

    const row = ledger.getByRole("row").filter({ hasText: "Top-up via sandbox" });
    await expect(row).toContainText("Payment");
    await expect(row).toContainText("+$25.00");
    const chart = ledger.getByRole("img");
    await expect(chart).toHaveAttribute("aria-label", /\$0\.00 charged, \$25\.00 paid/);
    await expect(ledger.locator(`tr[data-month="${thisMonth()}"]`)).toContainText("$25.00");

    const payment = page.locator("cab-payments").getByRole("row").filter({ hasText: "Balance top-up" });
    await expect(payment).toContainText("Succeeded");
    await expect(payment).toContainText("Test card (sandbox)");

    const seen = await page.evaluate(() => JSON.parse(sessionStorage.getItem("seen") ?? "[]"));
    expect(seen).toEqual([
      { type: "cab-payment-started", bubbles: true, composed: true, status: "pending", amount: { amount: 2500, currency: "USD" } },
      { type: "cab-payment-settled", bubbles: true, composed: true, status: "succeeded", amount: { amount: 2500, currency: "USD" } },
    ]);

    // With a cookie session the export is a plain link to the API.
    const downloading = page.waitForEvent("download");
    await ledger.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    const csv = await readFile((await download.path())!, "utf8");
    const [header, first] = csv.split("\r\n");
    expect(header).toBe("date,kind,description,amount,currency,balance_after,reference");
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T[^,]+,payment,Top-up via sandbox,25\.00,USD,25\.00,payment:pay_[0-9a-z]+$/);

    // A reload does not announce the payment again.
    await page.reload();
    await expect(balance.getByRole("definition").first()).toHaveText("$25.00");
    await expect(balance.getByText("Payment received")).toHaveCount(0);
  });

  test("the decline card says so clearly and leaves the balance as it was", async ({ page }) => {
    await signUpClient(page);
    await openBillingPage(page);
    await startTopUp(page, "12.50");
    await payWithCard(page, "4000 0000 0000 0002", "$12.50");

    await page.waitForURL((url) => url.pathname === "/billing.html");
    const balance = page.locator("cab-balance");
    await expect(balance.getByRole("alert")).toContainText("The payment was declined.");
    await expect(balance.getByRole("definition").first()).toHaveText("$0.00");
    await expect(page.locator("cab-ledger").getByText("No transactions yet.")).toBeVisible();
    await expect(page.locator("cab-payments").getByRole("row").filter({ hasText: "Balance top-up" })).toContainText("Failed");
  });

  test("the confirmation card asks to confirm, then pays", async ({ page }) => {
    await signUpClient(page);
    await openBillingPage(page);
    await startTopUp(page, "30");
    await payWithCard(page, "4000 0027 6000 3184", "$30.00");
    await expect(page.getByRole("heading", { name: "Confirm this payment" })).toBeVisible();
    await page.getByRole("button", { name: "Confirm payment" }).click();

    await page.waitForURL((url) => url.pathname === "/billing.html");
    const balance = page.locator("cab-balance");
    await expect(balance.getByText("Payment received: $30.00")).toBeVisible();
    await expect(balance.getByRole("definition").first()).toHaveText("$30.00");
  });

  test("a bank transfer shows its instructions, stays pending, and can show them again from the payments", async ({ page }) => {
    await signUpClient(page);
    await openBillingPage(page);
    const balance = page.locator("cab-balance");
    await balance.getByLabel("Amount (USD)").fill("40");
    await balance.getByRole("radio", { name: "Bank transfer" }).check();
    await balance.getByRole("button", { name: "Top up" }).click();

    const instructions = balance.getByRole("status").filter({ hasText: "How to complete the payment" });
    await expect(instructions).toContainText("Transfer 40.00 USD to Northwind Hosting B.V.");
    await expect(instructions.getByRole("term")).toHaveText(["Beneficiary", "IBAN", "BIC", "Bank", "Reference", "Amount"]);
    await expect(instructions.getByRole("definition").nth(1)).toHaveText("NL91ABNA0417164300");
    expect(new URL(page.url()).pathname).toBe("/billing.html"); // no redirect
    await expect(balance.getByRole("definition").first()).toHaveText("$0.00");

    const payment = page.locator("cab-payments").getByRole("row").filter({ hasText: "Bank transfer" });
    await expect(payment).toContainText("Pending");
    const howToPay = payment.getByRole("button", { name: "How to pay" });
    await howToPay.click();
    await expect(howToPay).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator("cab-payments").getByText("Transfer 40.00 USD to Northwind Hosting B.V.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the top-up form refuses an amount outside the brand's bounds with the server's limits, and bad amounts before asking", async ({ page }) => {
    await signUpClient(page);
    await openBillingPage(page);
    const balance = page.locator("cab-balance");
    const amount = balance.getByLabel("Amount (USD)");
    const topUp = balance.getByRole("button", { name: "Top up" });
    let started = 0;
    page.on("request", (r) => void (r.method() === "POST" && r.url().endsWith("/api/v1/payments") && started++));

    // Caught in the browser: more decimals than dollars have, and not a number.
    await amount.fill("10.005");
    await topUp.click();
    await expect(balance.getByText("Use at most 2 decimals.")).toBeVisible();
    await amount.fill("ten");
    await topUp.click();
    await expect(balance.getByText("Enter the amount as a number, for example 25.00.")).toBeVisible();
    expect(started).toBe(0);

    // Below the brand's minimum: the server refuses and names its bounds.
    await amount.fill("1");
    await topUp.click();
    await expect(balance.getByText("Enter an amount from $5.00 to $5,000.00.")).toBeVisible();
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(amount).toBeFocused();
    expect(started).toBe(1);
    expect(new URL(page.url()).pathname).toBe("/billing.html");

    // The bounds are known now: an amount above the maximum is refused without a request.
    await amount.fill("6,000");
    await topUp.click();
    await expect(balance.getByText("Enter an amount from $5.00 to $5,000.00.")).toBeVisible();
    expect(started).toBe(1);
  });

  test("in bearer mode the CSV export is fetched with the token and saved", async ({ page }) => {
    const client = await signUpClient(page);
    await topUpByApi(page, client.csrfToken, 1800);
    await page.context().clearCookies();
    await page.goto("/billing.html");
    await page.locator("cab-config").evaluate((el) => el.setAttribute("auth", "bearer"));
    const login = page.locator("cab-login");
    await login.getByLabel("E-mail").fill(client.email);
    await login.getByLabel("Password").fill(client.password);
    await login.getByRole("button", { name: "Sign in", exact: true }).click();

    const ledger = page.locator("cab-ledger");
    await expect(ledger.getByRole("row").filter({ hasText: "Top-up via sandbox" })).toContainText("+$18.00");
    const exported = page.waitForRequest((r) => r.url().includes("/api/v1/ledger/export"));
    const downloading = page.waitForEvent("download");
    await ledger.getByRole("button", { name: "Export CSV" }).click();
    expect((await exported).headers()["authorization"]).toMatch(/^Bearer /);
    const download = await downloading;
    // Named by the real dates it covers: this new client's first entry (today) to today.
    const today = new Date().toISOString().slice(0, 10);
    expect(download.suggestedFilename()).toBe(`ledger-${today}-${today}.csv`);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("date,kind,description,amount,currency,balance_after,reference");
    expect(csv).toContain(",payment,Top-up via sandbox,18.00,USD,18.00,");
  });

  test("the ledger filters by type and period", async ({ page }) => {
    const client = await signUpClient(page);
    await topUpByApi(page, client.csrfToken, 1000);
    await openBillingPage(page);
    const ledger = page.locator("cab-ledger");
    const entries = ledger.getByRole("row").filter({ hasText: "Top-up via sandbox" });
    await expect(entries).toHaveCount(1);

    await ledger.getByLabel("Type").selectOption("charge");
    await expect(ledger.getByText("No transactions match these filters.")).toBeVisible();
    await ledger.getByLabel("Type").selectOption("");
    await expect(entries).toHaveCount(1);

    await ledger.getByLabel("From").fill("2020-01-01");
    await ledger.getByLabel("To").fill("2020-12-31");
    await expect(ledger.getByText("No transactions match these filters.")).toBeVisible();
    await expect(ledger.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /\/api\/v1\/ledger\/export\?from=2020-01-01&to=2020-12-31$/);

    await ledger.getByLabel("From").fill("2021-01-01");
    await expect(ledger.getByRole("alert")).toHaveText("The start date is after the end date.");
  });

  test("Russian strings render", async ({ page }) => {
    const client = await signUpClient(page);
    await topUpByApi(page, client.csrfToken, 2500);
    await page.goto("/billing.html");
    await page.locator("cab-config").evaluate((el) => el.setAttribute("locale", "ru"));

    const balance = page.locator("cab-balance");
    await expect(balance.getByText("Доступно")).toBeVisible();
    await expect(balance.getByRole("definition").first()).toHaveText(/^25,00\s\$$/);
    await expect(balance.getByText("Продления в ближайшие 30 дней")).toBeVisible();
    await expect(balance.getByLabel("Сумма (USD)")).toBeVisible();
    await expect(balance.getByRole("button", { name: "Пополнить" })).toBeVisible();

    const ledger = page.locator("cab-ledger");
    await expect(ledger.getByRole("img")).toHaveAttribute("aria-label", /^За последние 12 месяцев: списано 0,00\s\$, оплачено 25,00\s\$\.$/);
    await expect(ledger.getByRole("row").filter({ hasText: "Top-up via sandbox" })).toContainText("Платёж");
    await expect(ledger.getByRole("link", { name: "Выгрузить CSV" })).toBeVisible();
    await expect(ledger.getByText("Показана 1 операция")).toBeVisible();

    const payments = page.locator("cab-payments");
    await expect(payments.getByRole("row").filter({ hasText: "Пополнение баланса" })).toContainText("Проведён");
    await expect(page.locator("cab-invoices").getByText("У вас пока нет счетов.")).toBeVisible();

    // A refusal from the server, in Russian too.
    await balance.getByLabel("Сумма (USD)").fill("1");
    await balance.getByRole("button", { name: "Пополнить" }).click();
    await expect(balance.getByText(/^Введите сумму от 5,00\s\$ до 5\s000,00\s\$\.$/)).toBeVisible();
  });

  test("signed out, the billing widgets ask to sign in and call no billing API", async ({ page }) => {
    let billingCalls = 0;
    page.on("request", (r) => void (/\/api\/v1\/(balance|ledger|payments|invoices|documents)/.test(r.url()) && billingCalls++));
    await page.goto("/billing.html");
    await expect(page.locator("cab-login").getByLabel("E-mail")).toBeVisible();
    for (const tag of ["cab-balance", "cab-invoices", "cab-ledger", "cab-payments"]) {
      await expect(page.locator(tag).getByText("Sign in to see your billing.")).toBeVisible();
    }
    await expect(page.locator("cab-documents").getByText("Sign in to see your documents.")).toBeVisible();
    expect(billingCalls).toBe(0);
  });

  test("a user without the finance permission is told so, not shown an error", async ({ page }) => {
    await signUpClient(page);
    // A member with only the services permission: the widgets know it from the session and ask nothing.
    await asMemberWith(page, ["services"]);
    let billingCalls = 0;
    page.on("request", (r) => void (/\/api\/v1\/(balance|ledger|payments|invoices|documents)/.test(r.url()) && billingCalls++));
    await page.goto("/billing.html");
    for (const tag of ["cab-balance", "cab-invoices", "cab-ledger", "cab-payments"]) {
      await expect(page.locator(tag).getByText(/^You do not have access to billing\./)).toBeVisible();
      await expect(page.locator(tag).getByRole("alert")).toHaveCount(0);
    }
    await expect(page.locator("cab-documents").getByText(/^You do not have access to documents\./)).toBeVisible();
    expect(billingCalls).toBe(0);
  });

  test("a permission taken away during the session turns into the same message", async ({ page }) => {
    await signUpClient(page);
    await page.route("**/api/v1/balance", (route) =>
      route.fulfill({
        status: 403,
        json: { error: { code: "CAB_ERR_FORBIDDEN", message: "You do not have permission to do this.", details: { permission: "finance" } } },
      }),
    );
    await page.goto("/billing.html");
    await expect(page.locator("cab-balance").getByText(/^You do not have access to billing\./)).toBeVisible();
    await expect(page.locator("cab-balance").getByRole("alert")).toHaveCount(0);
  });
});
