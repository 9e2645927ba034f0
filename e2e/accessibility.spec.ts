import { expect, openBillingPage, openHostPage, seriousViolations, signIn, signUpClient, test, topUpByApi } from "./fixtures.js";

test("the signed-out page has no serious accessibility problems", async ({ page }) => {
  await openHostPage(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the signed-in page has no serious accessibility problems", async ({ page }) => {
  await openHostPage(page);
  await signIn(page);
  await expect(page.locator("cab-services").getByRole("listitem")).toHaveCount(5);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a failed sign-in is announced and has no serious accessibility problems", async ({ page }) => {
  await openHostPage(page);
  await signIn(page, "nobody@example.com", "whatever-it-is");
  await expect(page.locator("cab-login").getByRole("alert")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the billing page, signed out and with money moved, has no serious accessibility problems", async ({ page }) => {
  await page.goto("/billing.html");
  await expect(page.locator("cab-balance").getByText("Sign in to see your billing.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const client = await signUpClient(page);
  await topUpByApi(page, client.csrfToken, 2500);
  await topUpByApi(page, client.csrfToken, 900, "4000000000000002"); // a declined one, for the "Failed" badge
  await openBillingPage(page);
  await expect(page.locator("cab-ledger").getByRole("img")).toBeVisible();
  await expect(page.locator("cab-payments").getByText("Failed")).toBeVisible();
  // An error state too: the amount refused by the server.
  await page.locator("cab-balance").getByLabel("Amount (USD)").fill("1");
  await page.locator("cab-balance").getByRole("button", { name: "Top up" }).click();
  await expect(page.locator("cab-balance").getByText("Enter an amount from")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
