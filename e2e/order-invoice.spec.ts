import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { expect, openBillingPage, payWithCard, signIn, test } from "./fixtures.js";

// Carol (a demo client) ordered a VPS; it waits for its invoice to be paid. Only this test
// pays her invoice, so no other test depends on what it changes.
const carol = { email: "carol@example.com", password: "northwind-demo" };

test("paying an order's invoice through the checkout starts the service, and its invoice prints to PDF", async ({ page }) => {
  await page.goto("/");
  await signIn(page, carol.email, carol.password);
  const service = page.locator("cab-services").getByRole("listitem").filter({ hasText: "carol-vps" });
  await expect(service).toContainText("Awaiting payment");

  await openBillingPage(page);
  const invoices = page.locator("cab-invoices");
  const invoice = invoices.getByRole("listitem").filter({ hasText: "Cloud VPS “carol-vps”" });
  await expect(invoice).toContainText("Open");
  await invoices.getByRole("radio", { name: "Test card (sandbox)" }).check();
  await invoices.getByRole("button", { name: "Pay all open invoices ($9.00)" }).click();
  await page.waitForURL(/\/plugins\/payment-sandbox\/checkout\/sbx_/);
  await payWithCard(page, "4242 4242 4242 4242", "$9.00");

  await page.waitForURL((url) => url.pathname === "/billing.html");
  await expect(invoice).toContainText("Paid");
  // The money came in and went straight to the invoice.
  await expect(page.locator("cab-balance").getByRole("definition").first()).toHaveText("$0.00");

  await page.goto("/");
  // Paid, the service starts: the demo's instant provisioner may already have finished setting it up.
  await expect(page.locator("cab-services").getByRole("listitem").filter({ hasText: "carol-vps" })).toContainText(/Being set up|Active/);

  // The invoice's paid copy (the newest of its two documents), printed by Chromium in the
  // background, says what was paid, and when.
  await openBillingPage(page);
  const documents = page.locator("cab-documents");
  const row = documents.getByRole("row").filter({ hasText: /Invoice NW-\d{4}-\d{6}/ });
  await expect(row).toHaveCount(2);
  const number = (await invoices.getByRole("listitem").filter({ hasText: "carol-vps" }).textContent())!.match(/NW-\d{4}-\d{6}/)![0];
  const link = row.first().getByRole("link", { name: /^PDF:/ });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const downloading = page.waitForEvent("download");
  await link.click();
  const file = (await (await downloading).path())!;
  expect((await readFile(file)).subarray(0, 5).toString()).toBe("%PDF-");
  const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
  expect(text).toContain(number);
  expect(text).toContain("Northwind Hosting B.V.");
  expect(text).toContain("Carol Okafor");
  expect(text).toMatch(/9\.00/);
  expect(text).toContain("Paid on");
  expect(text).not.toContain("PAYMENT INSTRUCTIONS");
});
