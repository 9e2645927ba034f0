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
      expect(errors.map((e) => e.message), "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function signIn(page: Page, email = alice.email, password = alice.password, labels = { email: "E-mail", password: "Password", submit: "Sign in" }) {
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
