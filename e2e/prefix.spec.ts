import { test as base } from "@playwright/test";
import { alice, expect, test } from "./fixtures.js";

// Pages made up for these tests, at the core's origin: the loader with a tag prefix, and pages
// where something else took a tag first.
const page = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>${head}</head><body>${body}</body></html>`;

test("the loader attribute defines the widgets under another prefix, and they work", async ({ page: browserPage }) => {
  await browserPage.route("**/prefixed.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: page(
        `<script type="module" src="/widgets/cabinet.js" data-cabinet-prefix="acme"></script>`,
        `<acme-config locale="en"></acme-config><acme-login></acme-login><cab-login id="not-ours"></cab-login>`,
      ),
    }),
  );
  await browserPage.goto("/prefixed.html");
  const login = browserPage.locator("acme-login");
  await login.getByLabel("E-mail").fill(alice.email);
  await login.getByLabel("Password").fill(alice.password);
  await login.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(login).toContainText(alice.name);
  // The default names stay free for whoever else uses them.
  expect(await browserPage.evaluate(() => customElements.get("cab-login") === undefined)).toBe(true);
});

base("a tag already taken by other code, and a prefix that makes no valid tag, are thrown errors that name the problem", async ({ page: browserPage }) => {
  const errors: string[] = [];
  browserPage.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
  await browserPage.route("**/clash.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: page(
        `<script type="module">customElements.define("acme-services", class extends HTMLElement {});</script><script type="module" src="/widgets/cabinet.js" data-cabinet-prefix="acme"></script>`,
        `<acme-login></acme-login>`,
      ),
    }),
  );
  await browserPage.goto("/clash.html");
  await expect.poll(() => errors.join("\n")).toMatch(/CabinetElementError: <acme-services> is already defined by other code/);
  // Nothing was defined under the prefix: the check comes before any definition.
  expect(await browserPage.evaluate(() => customElements.get("acme-login"))).toBeUndefined();

  errors.length = 0;
  await browserPage.route("**/bad-prefix.html", (route) =>
    route.fulfill({ contentType: "text/html", body: page(`<script type="module" src="/widgets/cabinet.js" data-cabinet-prefix="Acme_1"></script>`, "") }),
  );
  await browserPage.goto("/bad-prefix.html");
  await expect.poll(() => errors.join("\n")).toMatch(/CabinetElementError: "Acme_1" is not a valid tag prefix/);

  errors.length = 0;
  await browserPage.route("**/api.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: page(
        `<script type="module">
          customElements.define("cab-ledger", class extends HTMLElement {});
          const { defineCabinetElements } = await import("/widgets/cabinet.js");
          try { defineCabinetElements({ prefix: "9lives" }); } catch (e) { document.title = e.name + ": " + e.message; }
        </script>`,
        "",
      ),
    }),
  );
  await browserPage.goto("/api.html");
  await expect(browserPage).toHaveTitle(/^CabinetElementError: "9lives" is not a valid tag prefix/);
});
