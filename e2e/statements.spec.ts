import { readFile } from "node:fs/promises";
import { expect, openBillingPage, seriousViolations, signUpClient, test, topUpByApi } from "./fixtures.js";

// <cab-documents> on the billing page, with <cab-contract> and <cab-statement-request> above its
// list: a new client accepts the contract and asks for a reconciliation statement that runs to
// today, so it already holds today's top-up.

test.describe("contract and reconciliation statement", () => {
  test("the client accepts the contract, then sees when; a statement up to today shows its progress and downloads as a PDF", async ({ page }) => {
    test.setTimeout(90_000);
    const client = await signUpClient(page);
    await topUpByApi(page, client.csrfToken, 2_500);
    await openBillingPage(page);
    const documents = page.locator("cab-documents");

    const contract = documents.locator("cab-contract");
    await expect(contract.getByText(/^Service agreement, version /)).toBeVisible();
    await expect(contract.getByText("Not accepted yet.")).toBeVisible();
    await contract.getByRole("button", { name: "Accept" }).click();
    await expect(contract.getByRole("alert")).toHaveText("Tick the box to accept.");
    await contract.getByLabel("I have read the service agreement and accept it").check();
    await contract.getByRole("button", { name: "Accept" }).click();
    const today = new Intl.DateTimeFormat("en", { dateStyle: "medium" }).format(new Date());
    await expect(contract.getByRole("status")).toContainText(`Accepted on ${today}`);
    // The list shows the contract's document at once.
    const rows = documents.getByRole("row").filter({ has: page.getByRole("rowheader") });
    await expect(rows.filter({ hasText: "Service agreement" })).toHaveCount(1);

    // A statement to today: the last day defaults to today.
    const statement = documents.locator("cab-statement-request");
    const todayIso = new Date().toISOString().slice(0, 10);
    await expect(statement.getByLabel("To")).toHaveValue(todayIso);
    await statement.getByLabel("From").fill(todayIso);
    await statement.getByRole("button", { name: "Request statement" }).click();
    // The demo prints PDFs with Chromium in the background: first "Preparing", then the link.
    const link = statement.getByRole("link", { name: "Download the PDF" });
    await expect(link).toBeVisible({ timeout: 30_000 });
    await expect(statement.getByText("Your statement is ready.")).toBeVisible();
    await expect(rows.filter({ hasText: "Reconciliation statement" })).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);

    const downloading = page.waitForEvent("download");
    await link.click();
    const download = await downloading;
    expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
    // It holds today's top-up, as of now.
    const html = await (await page.request.get(new URL(await link.getAttribute("href")!).pathname.replace(/\/pdf$/, "/html"))).text();
    expect(html).toContain("$25.00");
    expect(html).toMatch(/as of /);

    // After reloading, the acceptance is still there.
    await page.reload();
    await expect(page.locator("cab-contract").getByRole("status")).toContainText(`Accepted on ${today}`);
  });

  test("with two payers the client chooses whose statement it is; it is made out to that payer", async ({ page }) => {
    test.setTimeout(90_000);
    const client = await signUpClient(page);
    // The account's default payer is made from its profile when first listed; the company is a second one.
    expect((await page.request.get("/api/v1/payers")).status()).toBe(200);
    const added = await page.request.post("/api/v1/payers", {
      headers: { "X-CSRF-Token": client.csrfToken },
      data: { kind: "company", name: "Statement Second Ltd", address: "1 High Street, London", country: "GB" },
    });
    expect(added.status(), await added.text()).toBe(201);
    await openBillingPage(page);
    const statement = page.locator("cab-statement-request");
    const payer = statement.getByLabel("Payer");
    await expect(payer).toBeVisible();
    await payer.selectOption({ label: "Statement Second Ltd" });
    await statement.getByLabel("From").fill(new Date().toISOString().slice(0, 10));
    await statement.getByRole("button", { name: "Request statement" }).click();
    const link = statement.getByRole("link", { name: "Download the PDF" });
    await expect(link).toBeVisible({ timeout: 30_000 });
    const html = await (await page.request.get(new URL(await link.getAttribute("href")!).pathname.replace(/\/pdf$/, "/html"))).text();
    expect(html).toContain("Statement Second Ltd");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a future last day and a period longer than the brand allows are refused next to the form", async ({ page }) => {
    await signUpClient(page);
    await openBillingPage(page);
    const statement = page.locator("cab-statement-request");
    await expect(statement.getByLabel("To")).not.toHaveValue("");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await statement.getByLabel("To").fill(tomorrow);
    await statement.getByRole("button", { name: "Request statement" }).click();
    await expect(statement.getByRole("alert")).toHaveText("The last day cannot be after today.");

    await statement.getByLabel("From").fill("2001-01-01");
    await statement.getByLabel("To").fill(new Date().toISOString().slice(0, 10));
    await statement.getByRole("button", { name: "Request statement" }).click();
    await expect(statement.getByRole("alert")).toHaveText("A statement covers at most 1098 days. Choose a shorter period.");

    await statement.getByLabel("From").fill("2026-03-10");
    await statement.getByLabel("To").fill("2026-03-01");
    await statement.getByRole("button", { name: "Request statement" }).click();
    await expect(statement.getByRole("alert")).toHaveText("Choose both days, the first on or before the last.");
  });
});
