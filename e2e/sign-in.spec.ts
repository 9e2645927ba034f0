import { alice, expect, openHostPage, signIn, test } from "./fixtures.js";

test.describe("signing in", () => {
  test("a wrong password shows a clear error and opens no session", async ({ page }) => {
    await openHostPage(page);
    await signIn(page, alice.email, "not-the-password");

    const login = page.locator("cab-login");
    await expect(login.getByRole("alert")).toHaveText("The e-mail or the password is wrong.");
    // The e-mail stays, the password is cleared and focused for the next try.
    await expect(login.getByLabel("E-mail")).toHaveValue(alice.email);
    await expect(login.getByLabel("Password")).toHaveValue("");
    await expect(login.getByLabel("Password")).toBeFocused();
    await expect(login.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

    await expect(page.locator("cab-services").getByText("Sign in to see your services.")).toBeVisible();
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("cabinet_session");

    // And the right password then works, and the error goes away.
    await login.getByLabel("Password").fill(alice.password);
    await login.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(login.getByText(`Signed in as ${alice.name}`)).toBeVisible();
    await expect(login.getByRole("alert")).toHaveCount(0);
  });

  test("the form uses the browser's own checks and autofill hints", async ({ page }) => {
    await openHostPage(page);
    const login = page.locator("cab-login");
    await expect(login.getByLabel("E-mail")).toHaveAttribute("autocomplete", "username");
    await expect(login.getByLabel("E-mail")).toHaveAttribute("type", "email");
    await expect(login.getByLabel("Password")).toHaveAttribute("autocomplete", "current-password");

    let requests = 0;
    page.on("request", (r) => void (r.url().includes("/auth/sign-in") && requests++));
    await login.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(login.getByLabel("E-mail")).toBeFocused(); // required: the browser stops the submit
    expect(requests).toBe(0);
  });

  test("in bearer mode the token stays in memory and no cookie is set", async ({ page }) => {
    await openHostPage(page);
    await page.locator("cab-config").evaluate((el) => el.setAttribute("auth", "bearer"));

    const listed = page.waitForRequest((r) => r.url().includes("/api/v1/services"));
    await signIn(page);
    await expect(page.locator("cab-services").getByRole("listitem")).toHaveCount(5);
    expect((await listed).headers()["authorization"]).toMatch(/^Bearer [A-Za-z0-9_-]+$/);

    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("cabinet_session");
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
    expect(stored).toEqual([0, 0]);

    // Gone on reload, by design: a bearer session is the page's, not the browser's.
    await page.reload();
    await page.locator("cab-config").evaluate((el) => el.setAttribute("auth", "bearer"));
    await expect(page.locator("cab-services").getByText("Sign in to see your services.")).toBeVisible();
  });
});

test("a signed-out visit to the provider's page logs no error in the console", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await openHostPage(page);
  await expect(page.locator("cab-services").getByText("Sign in to see your services.")).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
