import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, openBillingPage, seriousViolations, signUpClient, test } from "./fixtures.js";

/** Gives the new client two documents through the API: the accepted contract and last month's reconciliation statement. */
async function issueDocuments(page: Page, csrfToken: string) {
  const headers = { "X-CSRF-Token": csrfToken };
  const { version } = await (await page.request.get("/api/v1/contracts/current")).json();
  expect((await page.request.post("/api/v1/contracts/accept", { headers, data: { version } })).ok()).toBe(true);
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
  const statement = await page.request.post("/api/v1/documents/reconciliation", { headers, data: { from, to } });
  expect(statement.ok(), await statement.text()).toBe(true);
}

test.describe("documents", () => {
  test("lists the documents with their type and period, filters them, and opens the stored HTML", async ({ page }) => {
    const client = await signUpClient(page);
    await issueDocuments(page, client.csrfToken);
    await openBillingPage(page);
    const documents = page.locator("cab-documents");
    const rows = documents.getByRole("row").filter({ has: page.getByRole("rowheader") });
    await expect(rows).toHaveCount(2);

    const contract = rows.filter({ hasText: "Service agreement" });
    await expect(contract).toContainText("Contract");
    const statement = rows.filter({ hasText: "Reconciliation statement" });
    await expect(statement).toContainText(/[A-Z][a-z]{2} 1\s–\s\d{1,2}, \d{4}/); // "Oct 1 – 31, 2026"
    await expect(documents.getByRole("alert")).toHaveCount(0);

    // The HTML was stored when the document was issued: it opens in a tab of its own.
    const opening = page.waitForEvent("popup");
    await contract.getByRole("link", { name: /^HTML: Service agreement/ }).click();
    const tab = await opening;
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toMatch(/^\/api\/v1\/documents\/doc_\w+\/html$/);
    await expect(tab.locator("body")).toContainText("Service agreement");
    await tab.close();

    await documents.getByLabel("Type").selectOption("reconciliation");
    await expect(rows).toHaveCount(1);
    await documents.getByLabel("Type").selectOption("invoice");
    await expect(documents.getByText("No documents of this type.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the printed PDF downloads by a plain link with a cookie session, and is fetched with the token in bearer mode", async ({ page }) => {
    const client = await signUpClient(page);
    await issueDocuments(page, client.csrfToken);
    await openBillingPage(page);
    const contract = page.locator("cab-documents").getByRole("row").filter({ hasText: "Service agreement" });
    // The demo prints PDFs with Chromium in the background; the widget looks again until it is ready.
    const link = contract.getByRole("link", { name: /^PDF: Service agreement/ });
    await expect(link).toBeVisible({ timeout: 30_000 });
    let downloading = page.waitForEvent("download");
    await link.click();
    let download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe("%PDF-");

    // Bearer: no cookie goes along, so the widget fetches the file with the token and saves it.
    await page.context().clearCookies();
    await page.reload();
    await page.locator("cab-config").evaluate((el) => el.setAttribute("auth", "bearer"));
    const login = page.locator("cab-login");
    await login.getByLabel("E-mail").fill(client.email);
    await login.getByLabel("Password").fill(client.password);
    await login.getByRole("button", { name: "Sign in", exact: true }).click();
    const fetched = page.waitForRequest(/\/api\/v1\/documents\/doc_\w+\/pdf$/);
    downloading = page.waitForEvent("download");
    await contract.getByRole("button", { name: /^PDF: Service agreement/ }).click();
    expect((await fetched).headers()["authorization"]).toMatch(/^Bearer /);
    download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
