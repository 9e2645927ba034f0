import { test as base } from "@playwright/test";
import { expect, test } from "./fixtures.js";

// A bare page on the demo's origin with nothing but the loader, served by the test itself.
const blank = `<!doctype html><html lang="en"><head><title>Loader test</title>
<script type="module" src="/widgets/cabinet.js"></script></head><body><main></main></body></html>`;

test("the loader fetches a widget's chunk only when its tag appears", async ({ page }) => {
  await page.route("**/loader-test.html", (route) => route.fulfill({ contentType: "text/html", body: blank }));
  const chunks: string[] = [];
  page.on("request", (r) => {
    const match = /\/widgets\/chunks\/([a-z-]+)-[^/]+\.js$/.exec(r.url());
    if (match) chunks.push(match[1]);
  });

  await page.goto("/loader-test.html");
  await page.waitForLoadState("networkidle");
  expect(chunks).toEqual([]);
  expect(await page.evaluate(() => customElements.get("cab-login"))).toBeUndefined();

  // Added after the page loaded, as a single-page app would.
  await page.evaluate(() => document.querySelector("main")!.append(document.createElement("cab-login")));
  await expect(page.locator("cab-login").getByLabel("E-mail")).toBeVisible();
  expect(chunks).toContain("cab-login");
  // The services list travels in the services widgets' chunk (rollup.config.mjs).
  expect(chunks).not.toContain("services");
});

// Not the fixtures' test: the uncaught error is what this one expects.
base("a tag taken by other code is not silently replaced: a thrown error names it and what to do", async ({ page }) => {
  await page.route("**/clash-test.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>Clash</title>
<script>customElements.define("cab-services", class extends HTMLElement {});</script>
<script type="module" src="/widgets/cabinet.js"></script></head><body><cab-services></cab-services></body></html>`,
    }),
  );
  const failure = page.waitForEvent("console", (m) => m.type() === "error" && m.text().includes("<cab-services> is already defined by other code"));
  await page.goto("/clash-test.html");
  expect((await failure).text()).toMatch(/data-cabinet-prefix/);
});

test('a widget marked loading="lazy" loads as it nears the viewport, not with the page', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.route("**/lazy-test.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>Lazy</title>
<script type="module" src="/widgets/cabinet.js"></script></head><body><main>
<cab-login></cab-login><div style="height: 4000px"></div><cab-services loading="lazy"></cab-services></main></body></html>`,
    }),
  );
  const chunks: string[] = [];
  page.on("request", (r) => {
    const match = /\/widgets\/chunks\/([a-z-]+)-[^/]+\.js$/.exec(r.url());
    if (match) chunks.push(match[1]);
  });
  await page.goto("/lazy-test.html");
  await expect(page.locator("cab-login").getByLabel("E-mail")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(chunks).toContain("cab-login");
  expect(chunks).not.toContain("services");
  expect(await page.evaluate(() => customElements.get("cab-services"))).toBeUndefined();

  await page.locator("cab-services").scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => customElements.get("cab-services") !== undefined), { timeout: 30_000 }).toBe(true);
  expect(chunks).toContain("services");
});
