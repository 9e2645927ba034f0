import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";

/** The demo's seeded client (core/src/seed/demo-data.ts). */
export const alice = { email: "alice@example.com", password: "northwind-demo", name: "Alice Moreau" };

/**
 * Fails a test on any uncaught exception in the page: a widget that throws while rendering
 * may still leave something that looks right on screen.
 */
export const test = base.extend<{ pageErrors: Error[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on("pageerror", (error) => errors.push(error));
      await use(errors);
      expect(
        errors.map((e) => e.message),
        "uncaught errors in the page",
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function signIn(
  page: Page,
  email = alice.email,
  password = alice.password,
  labels = { email: "E-mail", password: "Password", submit: "Sign in" },
) {
  const login = page.locator("cab-login");
  await login.getByLabel(labels.email).fill(email);
  await login.getByLabel(labels.password).fill(password);
  await login.getByRole("button", { name: labels.submit, exact: true }).click();
}

/** The host example, with the widgets ready to be used (the form is shown). */
export async function openHostPage(page: Page) {
  await page.goto("/");
  await expect(page.locator("cab-login").getByLabel("E-mail")).toBeVisible();
}

/** A new client of the demo brand, signed in with a cookie in the page's browser context: a zero balance and an empty ledger, whatever ran before. */
/** Chromium's virtual authenticator (CDP) on the page: a device with resident keys and user verification, which always consents. */
export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

export async function signUpClient(page: Page, name = "Nora Client") {
  const email = `client-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const signedUp = await page.request.post("/api/v1/auth/sign-up", { data: { email, password: "northwind-demo", name } });
  expect(signedUp.status(), await signedUp.text()).toBe(202);
  const answer = await page.request.post("/api/v1/auth/sign-in", { data: { email, password: "northwind-demo", mode: "cookie" } });
  expect(answer.status(), await answer.text()).toBe(200);
  const me = await answer.json();
  return { email, password: "northwind-demo", name, csrfToken: me.session.csrfToken as string };
}

/** The host example's billing page, signed in (a cookie from signUpClient or signIn), with the balance shown. */
export async function openBillingPage(page: Page, path = "/billing.html") {
  await page.goto(path);
  await expect(page.locator("cab-balance").getByText("Available to spend")).toBeVisible();
}

/**
 * Tops the balance up without a browser: starts a payment through the API and pays it on the
 * sandbox's checkout with a test card, as the form would. For tests that need money on the
 * account but are not about paying.
 */
export async function topUpByApi(page: Page, csrfToken: string, amount: number, card = "4242424242424242") {
  const started = await page.request.post("/api/v1/payments", {
    headers: { "X-CSRF-Token": csrfToken },
    data: { gateway: "sandbox", amount, returnUrl: new URL("/billing.html", base.info().project.use.baseURL).href },
  });
  expect(started.status(), await started.text()).toBe(201);
  const payment = await started.json();
  const paid = await page.request.post(`${payment.nextAction.url}/pay`, { form: { card, expiry: "12/34", cvc: "123" }, maxRedirects: 0 });
  expect(paid.status()).toBe(302);
  return payment.id as string;
}

/** Serious and critical axe findings (WCAG 2.1 A/AA and best practices) on the page as it is now. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/** On the sandbox's checkout page: pays `amountLabel` ("$25.00") with a test card. */
export async function payWithCard(page: Page, card: string, amountLabel: string) {
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiry (MM/YY)").fill("12/34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: `Pay ${amountLabel}` }).click();
}

/** Makes the signed-in user look like a member holding only `permissions` to the widgets, as the session tells them. */
export async function asMemberWith(page: Page, permissions: string[]) {
  await page.route("**/api/v1/auth/session", async (route) => {
    const answer = await route.fetch();
    const body = await answer.json();
    body.me.user.role = "member";
    body.me.user.permissions = permissions;
    // Each permission its whole section, as before roles: the widgets read these rights.
    body.me.user.rights = Object.fromEntries(permissions.map((p) => [p, ["view", "order", "change", "delete", "pay", "export"]]));
    await route.fulfill({ response: answer, json: body });
  });
}
