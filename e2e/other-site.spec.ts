import { generate } from "otplib";
import { expect, test } from "./fixtures.js";
import type { Page } from "@playwright/test";
import { DEMO_API_KEY } from "../host-examples/other-site/server.mjs";

// Orbit Cloud, the demo's second brand: its own site on 127.0.0.1 (another SITE than the core
// on localhost), its own users and sign-in, Cabinet's widgets signed in by the hand-off. The
// browser blocks third-party cookies, as browsers now do: nothing here may depend on them.
const site = process.env.E2E_OTHER_SITE_URL!;

test.use({
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--test-third-party-cookie-phaseout",
    ],
  },
});

/** Every Content-Security-Policy violation the browser reports, on any page of the test. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  // The event too, not only Chromium's console line: both end up here.
  void page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
  );
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function signInOnOrbit(page: Page, email = "bob@orbit.example") {
  await page.goto(`${site}/`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("orbit-demo");
  await page.getByRole("button", { name: "Sign in to Orbit" }).click();
  await page.waitForURL(`${site}/account`);
}

test.describe("a provider on another site, signing in through the hand-off", () => {
  test("lands in the client area with no Cabinet password, stays signed in on reload, tops up and comes back", async ({ page }) => {
    const csp = watchCsp(page);
    await signInOnOrbit(page);
    const balance = page.locator("cab-balance");
    // Bob never typed a Cabinet password; the hand-off made his account (Orbit's currency, EUR).
    await expect(balance.getByText("Available to spend")).toBeVisible();
    await expect(balance.getByRole("definition").first()).toHaveText(/€/);
    await expect(page.locator("cab-services")).not.toContainText("Sign in");
    expect(await page.context().cookies("http://localhost")).toEqual([]); // no cookie of the core's at all
    // Orbit's look comes from its brand's theme tokens (teal #0f766e), not the widgets' default blue.
    await expect(balance.getByRole("button", { name: "Top up" })).toHaveCSS("background-color", "rgb(15, 118, 110)");

    // A reload is a new page: the site hands over a fresh code, the widgets stay signed in.
    await page.reload();
    await expect(balance.getByText("Available to spend")).toBeVisible();
    const before = await balance.getByRole("definition").first().textContent();

    // Top up through the sandbox (the core's page), and back to Orbit's page.
    await balance.getByLabel("Amount (EUR)").fill("25");
    await balance.getByRole("button", { name: "Top up" }).click();
    await page.waitForURL(/\/plugins\/payment-sandbox\/checkout\/sbx_/);
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: /^Pay €25\.00$/ }).click();
    await page.waitForURL((url) => url.origin === site && url.pathname === "/account");
    await expect(balance.getByRole("status").filter({ hasText: "Payment received: €25.00" })).toBeVisible();
    await expect(balance.getByRole("definition").first()).not.toHaveText(before!);
    await expect(page.locator("cab-ledger").getByRole("row").filter({ hasText: "Top-up" }).first()).toContainText("+€25.00");

    expect(csp, "CSP violations").toEqual([]);
  });

  test("the settings page, from the site's menu: the hand-off signs the widgets in and a profile change is saved for good", async ({ page }) => {
    const csp = watchCsp(page);
    await signInOnOrbit(page, "dana@orbit.example");
    await page.getByRole("navigation").getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(`${site}/settings`);
    const settings = page.locator("cab-settings");
    await expect(settings.getByRole("heading", { name: "Account settings" })).toBeVisible();
    await expect(page.locator("cab-security").getByRole("heading", { name: "Security" })).toBeVisible();
    await expect(page.locator("cab-privacy")).not.toContainText("Sign in");
    await settings.getByLabel("Name", { exact: true }).fill("Dana W. Weiss");
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings.getByText("Saved.")).toBeVisible();
    // A new page, a new hand-off code: the core kept the change.
    await page.reload();
    await expect(settings.getByLabel("Name", { exact: true })).toHaveValue("Dana W. Weiss");
    expect(csp, "CSP violations").toEqual([]);
  });

  test("signing out of the provider's site ends the Cabinet session too", async ({ page }) => {
    await signInOnOrbit(page, "dana@orbit.example");
    await expect(page.locator("cab-balance").getByText("Available to spend")).toBeVisible();
    await page.locator("#sign-out").getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${site}/`);
    await expect(page.getByRole("button", { name: "Sign in to Orbit" })).toBeVisible();
    await page.goto(`${site}/account`);
    await page.waitForURL(`${site}/`); // Orbit sends a signed-out visitor home; no widget session is left
  });

  test("a client with a second factor on gives it in <cab-login> after the hand-off, and is signed in", async ({ page }) => {
    const core = test.info().project.use.baseURL!;
    const totp = (secret: string, aheadSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + aheadSeconds });
    // Erin turns TOTP on in Cabinet, in a session of her own that Orbit's backend handed over.
    const customer = { externalId: "orbit-cust-1003", email: "erin@orbit.example", name: "Erin Stone" };
    const made = await page.request.post(`${core}/api/v1/handoff`, { data: { customer, origin: site }, headers: { authorization: `Bearer ${DEMO_API_KEY}` } });
    expect(made.status()).toBe(201);
    const exchanged = await page.request.post(`${core}/api/v1/auth/handoff`, {
      data: { code: (await made.json()).code, mode: "bearer" },
      headers: { origin: site },
    });
    expect(exchanged.status()).toBe(200);
    const headers = { authorization: `Bearer ${(await exchanged.json()).token}`, origin: site };
    const setup = await page.request.post(`${core}/api/v1/me/two-factor/setup`, { data: {}, headers });
    expect(setup.status()).toBe(200);
    const { secret } = await setup.json();
    expect((await page.request.post(`${core}/api/v1/me/two-factor/confirm`, { data: { code: await totp(secret) }, headers })).status()).toBe(200);

    // Signing in on Orbit is the first factor only: the widgets stay signed out and <cab-login> asks for the code.
    const csp = watchCsp(page);
    await signInOnOrbit(page, customer.email);
    const login = page.locator("cab-login");
    const balance = page.locator("cab-balance");
    await expect(login.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
    await expect(balance.getByText("Available to spend")).toHaveCount(0);
    await login.getByLabel("Code").fill("000000");
    await login.getByRole("button", { name: "Verify" }).click();
    await expect(login.getByRole("alert")).toContainText("not right");
    await expect(balance.getByText("Available to spend")).toHaveCount(0);
    // The next step's code: the one that confirmed the setup is used up.
    await login.getByLabel("Code").fill(await totp(secret, 30));
    await login.getByRole("button", { name: "Verify" }).click();
    await expect(login).toBeHidden(); // signed in: Orbit's own line says who it is
    await expect(balance.getByText("Available to spend")).toBeVisible();
    await expect(page.locator("cab-services")).not.toContainText("Sign in");

    // A new page load is a new hand-off: the second factor is asked again, never skipped.
    await page.reload();
    await expect(login.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
    await expect(balance.getByText("Available to spend")).toHaveCount(0);
    expect(csp, "CSP violations").toEqual([]);
  });
});
