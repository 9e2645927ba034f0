import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alice, expect, payWithCard, signIn, test } from "./fixtures.js";

// host-examples/koa-mount: a provider's Koa app with the core mounted under /billing. Started
// here, in the test's own process, on a free port and a fresh database.
let provider: { url: string; stop(): Promise<void> };
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cabinet-koa-mount-"));
  // @ts-expect-error a plain ES module, without types
  const { startProviderApp } = await import("../host-examples/koa-mount/server.mjs");
  provider = await startProviderApp({ port: 0, databaseUrl: `sqlite:${join(dir, "db.sqlite")}`, logLevel: "silent" });
});
test.afterAll(async () => {
  await provider?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("the client area works under /billing of the provider's own app, payments included", async ({ page }) => {
  await page.goto(`${provider.url}/`);
  await expect(page.getByRole("heading", { name: "Acme Hosting" })).toBeVisible(); // the provider's own route
  await page.goto(`${provider.url}/account`);
  await signIn(page);
  const balance = page.locator("cab-balance");
  await expect(page.locator("cab-login")).toContainText(alice.name);
  await expect(balance.getByText("Available to spend")).toBeVisible();
  await expect(page.locator("cab-services").getByText("web-01").first()).toBeVisible();

  // The sandbox's checkout lives under /billing too (publicUrl carries the path), and comes back.
  await balance.getByLabel("Amount (USD)").fill("12");
  await balance.getByRole("button", { name: "Top up" }).click();
  await page.waitForURL(/\/billing\/plugins\/payment-sandbox\/checkout\/sbx_/);
  await payWithCard(page, "4242 4242 4242 4242", "$12.00");
  await page.waitForURL((url) => url.pathname === "/account");
  await expect(balance.getByRole("status").filter({ hasText: "Payment received: $12.00" })).toBeVisible();
});

test("the settings page under the provider's menu: sign in, change the profile name, and it stays changed", async ({ page }) => {
  await page.goto(`${provider.url}/account`);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.waitForURL(`${provider.url}/settings`);
  await signIn(page);
  const settings = page.locator("cab-settings");
  await expect(settings.getByRole("heading", { name: "Account settings" })).toBeVisible();
  await expect(page.locator("cab-security").getByRole("heading", { name: "Security" })).toBeVisible();
  await settings.getByLabel("Name", { exact: true }).fill("Alice Mounted");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByText("Saved.")).toBeVisible();
  await expect(page.locator("cab-login")).toContainText("Alice Mounted"); // every widget shares the session and its profile
  await page.reload();
  await expect(settings.getByLabel("Name", { exact: true })).toHaveValue("Alice Mounted");
});
