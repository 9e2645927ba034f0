import { alice, expect, openHostPage, signIn, test } from "./fixtures.js";

test.describe("the host example's client area", () => {
  test("signs in, lists, filters and signs out", async ({ page }) => {
    await openHostPage(page);
    const services = page.locator("cab-services");
    await expect(services.getByText("Sign in to see your services.")).toBeVisible();

    await signIn(page);
    await expect(page.locator("cab-login").getByText(`Signed in as ${alice.name}`)).toBeVisible();

    const items = services.getByRole("listitem");
    await expect(items).toHaveCount(5);
    const web01 = items.filter({ has: page.getByRole("heading", { name: "web-01" }) });
    await expect(web01).toContainText("Cloud VPS");
    await expect(web01).toContainText("Active");
    await expect(web01).toContainText("$18.00 / month"); // 1800 minor units of USD
    // The catalog's labels and units, as the order form says them ("CPU cores", "2 cores"), never a code.
    await expect(web01).toContainText("CPU cores2 cores");
    await expect(web01).toContainText(/Paid until [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await expect(web01).toContainText("Renews automatically");
    await expect(items.filter({ hasText: "alice-blog.net" })).toContainText("$48.00 / year");
    await expect(services.getByText("5 services shown")).toBeVisible();

    const filter = services.getByLabel("Status");
    await filter.selectOption("suspended");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText("staging");
    await expect(items.first()).toContainText("Suspended");

    await filter.selectOption("active");
    await expect(items).toHaveCount(2);
    await expect(services.getByRole("heading", { name: "web-01" })).toBeVisible();
    await expect(services.getByRole("heading", { name: "alice-blog.net" })).toBeVisible();

    await filter.selectOption("provisioning");
    await expect(services.getByText("No services with this status.")).toBeVisible();

    await page.locator("cab-login").getByRole("button", { name: "Sign out" }).click();
    await expect(services.getByText("Sign in to see your services.")).toBeVisible();
    await expect(services.getByRole("listitem")).toHaveCount(0);
    await expect(page.locator("cab-login").getByLabel("E-mail")).toBeFocused();

    // The cookie is gone for real: a reload does not bring the session back.
    await page.reload();
    await expect(page.locator("cab-login").getByLabel("E-mail")).toBeVisible();
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  });

  test("pages through the services with Load more", async ({ page }) => {
    await openHostPage(page);
    const services = page.locator("cab-services");
    await services.evaluate((el) => el.setAttribute("page-size", "2"));
    await signIn(page);

    const items = services.getByRole("listitem");
    await expect(items).toHaveCount(2);
    const more = services.getByRole("button", { name: "Load more" });
    await more.click();
    await expect(items).toHaveCount(4);
    // Focus moves to the first service that arrived, for keyboard and screen-reader users.
    await expect(items.nth(2).getByRole("heading")).toBeFocused();
    await more.click();
    await expect(items).toHaveCount(5);
    await expect(more).toHaveCount(0);
    const labels = await items.getByRole("heading").allTextContents();
    expect(new Set(labels).size).toBe(5); // no service twice across pages
  });

  test("tells the host page who signed in, and restores the session on reload", async ({ page }) => {
    await openHostPage(page);
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      for (const type of ["cab-signed-in", "cab-signed-out"]) {
        document.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail, composed: e.composed, bubbles: e.bubbles }));
      }
    });
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: "Client area" })).toBeVisible();

    await signIn(page);
    // The page's own inline script put the name in its header.
    await expect(header.getByRole("link", { name: alice.name })).toBeVisible();
    const seen = await page.evaluate(() => (window as unknown as { seen: any[] }).seen);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      type: "cab-signed-in",
      bubbles: true,
      composed: true,
      detail: { user: { email: alice.email, name: alice.name }, account: { currency: "USD" }, restored: false },
    });

    await page.reload();
    await expect(page.locator("cab-login").getByText(`Signed in as ${alice.name}`)).toBeVisible();
    await expect(header.getByRole("link", { name: alice.name })).toBeVisible();
    await expect(page.locator("cab-services").getByRole("listitem")).toHaveCount(5);

    await page.evaluate(() => document.addEventListener("cab-signed-out", (e) => ((window as any).signedOut = (e as CustomEvent).detail)));
    await page.locator("cab-login").getByRole("button", { name: "Sign out" }).click();
    await expect(header.getByRole("link", { name: "Client area" })).toBeVisible();
    expect(await page.evaluate(() => (window as any).signedOut)).toEqual({ reason: "user" });
  });

  test("notices a session that ended elsewhere", async ({ page }) => {
    await openHostPage(page);
    await signIn(page);
    await expect(page.locator("cab-services").getByRole("listitem")).toHaveCount(5);

    // Another tab signs out: the cookie is cleared, and the next call answers 401.
    const me = await (await page.request.get("/api/v1/me")).json();
    await page.request.post("/api/v1/auth/sign-out", { headers: { "X-CSRF-Token": me.session.csrfToken } });
    await page.locator("cab-services").getByLabel("Status").selectOption("active");

    await expect(page.locator("cab-login").getByText("Your session has ended. Please sign in again.")).toBeVisible();
    await expect(page.locator("cab-services").getByText("Sign in to see your services.")).toBeVisible();
  });
});
