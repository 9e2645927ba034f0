import type { Locator, Page } from "@playwright/test";
import { alice, expect, payWithCard, signIn, signUpClient, test } from "./fixtures.js";

// The main flows on a phone (the "phone" project of playwright.config.ts: 390×844, touch): the
// menu opens, and on every page nothing is wider than the screen — the page never scrolls
// sideways, and whatever is wider than its box (a table) scrolls inside it rather than being
// cut off.

/**
 * The page's width, and every element (in the widgets' shadow roots too) that reaches past the
 * screen's edge without a box on the screen that holds it (one that scrolls it sideways, or hides
 * it on purpose): what a client could not read.
 */
async function widthProblems(page: Page) {
  return page.evaluate(() => {
    const held = (el: Element | null): boolean => {
      for (let node: Element | null = el; node;) {
        const { overflowX } = getComputedStyle(node);
        if (overflowX !== "visible" && node.getBoundingClientRect().right <= innerWidth + 1) return true;
        const parent: Node | null = node.parentNode;
        node = parent instanceof ShadowRoot ? parent.host : (parent as Element | null);
        if (node === document.documentElement) break;
      }
      return false;
    };
    const sticking: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && (box.right > innerWidth + 1 || box.left < -1) && !held(el.parentElement ?? (el.parentNode as ShadowRoot).host)) {
          sticking.push(
            `<${el.localName}${el.id ? `#${el.id}` : ""}${el.getAttribute("part") ? ` part="${el.getAttribute("part")}"` : ""}> ${Math.round(box.left)}…${Math.round(box.right)}`,
          );
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { innerWidth, scrollWidth: document.scrollingElement!.scrollWidth, sticking: sticking.slice(0, 10) };
  });
}

/** The page fits the phone's screen: no sideways scrolling, nothing cut off at the edge. */
async function expectFits(page: Page) {
  const problems = await widthProblems(page);
  expect(problems.innerWidth, "the layout viewport is the phone's").toBe(390);
  expect(problems.scrollWidth, "the page is no wider than the screen").toBeLessThanOrEqual(problems.innerWidth);
  expect(problems.sticking, "elements past the screen's edge").toEqual([]);
}

/** `target` is on the screen, and not hidden under the page's sticky header. */
async function expectInView(page: Page, target: Locator) {
  await expect(target).toBeInViewport();
  const header = await page.locator("header.site-header").boundingBox();
  const box = await target.boundingBox();
  expect(box!.y, "below the sticky header").toBeGreaterThanOrEqual(header!.y + header!.height - 1);
  expect(box!.y + box!.height, "above the screen's bottom").toBeLessThanOrEqual(844);
}

test.describe("on a phone", () => {
  test("the menu opens, and the demo site's own pages fit the screen", async ({ page }) => {
    await page.goto("/");
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expectFits(page);
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Billing" })).toBeVisible();
    await expectFits(page);
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await menu.click();
    await nav.getByRole("link", { name: "Support" }).click();
    await page.waitForURL(/\/support\.html$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    for (const path of ["/legal.html?kind=terms", "/legal.html?kind=privacy", "/status.html", "/privacy.html", "/settings.html"]) {
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      await expectFits(page);
    }
  });

  test("sign in, the services list, and a service opens where the client can see it", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/");
    await signIn(page);
    await expect(page.locator("cab-login").getByText(`Signed in as ${alice.name}`)).toBeVisible();
    const list = page.locator("cab-services");
    await expect(list.getByRole("listitem")).toHaveCount(5);
    await expectFits(page);

    // From the home page's list: the services page opens with that service in view, not far below.
    await list.getByRole("link", { name: "web-01" }).click();
    await page.waitForURL(/\/services\.html\?service=svc_/);
    const service = page.locator("cab-service");
    await expectInView(page, service.getByRole("heading", { name: "web-01" }));
    await expectFits(page);

    // On the services page, another one from the list opens in the same place, in view.
    const items = page.locator("cab-services").getByRole("listitem");
    await expect(items).toHaveCount(5);
    await page.locator("cab-services").getByRole("link", { name: "db-01" }).click();
    await expectInView(page, service.getByRole("heading", { name: "db-01" }));
    await expectFits(page);
    await page.locator("cab-services").scrollIntoViewIfNeeded();
    await expect(page.locator("cab-order").getByRole("heading", { name: "Order a service" })).toBeAttached();
    await expectFits(page);

    // Signed in, the settings and privacy widgets fit too.
    await page.goto("/settings.html");
    await expect(page.locator("cab-security").getByText("Two-step verification").first()).toBeVisible();
    await expectFits(page);
    await page.goto("/privacy.html");
    await expect(page.locator("cab-privacy").getByRole("button", { name: "Prepare my data" })).toBeVisible();
    await expectFits(page);
  });

  test("the provider on another site: its sign-in and its client area fit", async ({ page }) => {
    const site = process.env.E2E_OTHER_SITE_URL!;
    await page.goto(`${site}/`);
    await expectFits(page);
    await page.getByLabel("E-mail").fill("bob@orbit.example");
    await page.getByLabel("Password").fill("orbit-demo");
    await page.getByRole("button", { name: "Sign in to Orbit" }).click();
    await page.waitForURL(`${site}/account`);
    await expect(page.locator("cab-balance").getByText("Available to spend")).toBeVisible();
    await expect(page.locator("cab-ledger")).toBeVisible();
    await expectFits(page);
  });

  test("the billing page: top up through the sandbox and come back, the ledger, the chart and the documents fit", async ({ page }) => {
    test.setTimeout(90_000);
    await signUpClient(page, "Pia Phone");
    await page.goto("/billing.html");
    const balance = page.locator("cab-balance");
    await expect(balance.getByText("Available to spend")).toBeVisible();
    await expectFits(page);
    await balance.getByLabel("Amount (USD)").fill("40");
    await balance.getByRole("button", { name: "Top up" }).click();
    await page.waitForURL(/\/plugins\/payment-sandbox\/checkout\/sbx_/);
    await expectFits(page);
    await payWithCard(page, "4242 4242 4242 4242", "$40.00");
    await page.waitForURL(/\/billing\.html/);
    await expect(balance.getByRole("status").filter({ hasText: "Payment received: $40.00" })).toBeVisible();
    const ledger = page.locator("cab-ledger");
    const topUp = ledger.getByRole("row").filter({ hasText: "Top-up" }).first();
    await expect(topUp).toContainText("+$40.00");
    // The row is a card on a phone: its amount is on the screen, not off to the right of a table.
    await topUp.scrollIntoViewIfNeeded();
    await expect(topUp.getByRole("cell", { name: "+$40.00" })).toBeInViewport({ ratio: 1 });
    await expect(topUp.getByRole("cell", { name: "+$40.00" })).toHaveAttribute("data-label", "Amount");
    await expect(ledger.locator("[part~='chart']")).toBeVisible();
    await expect(page.locator("cab-documents")).toBeAttached();
    await expectFits(page);
  });

  test("a support request: open it and read it", async ({ page }) => {
    test.setTimeout(90_000);
    await signUpClient(page, "Sid Support");
    await page.goto("/support.html");
    const tickets = page.locator("cab-tickets");
    await expect(tickets.getByText("You have no support requests yet.")).toBeVisible();
    await expectFits(page);
    await tickets.getByRole("button", { name: "New request" }).click();
    await tickets.getByLabel("Subject").fill("Server does not boot after a kernel update on the phone");
    await tickets
      .getByLabel("Message")
      .fill("It stops at the GRUB prompt. https://example.com/a-very-long-link-that-should-wrap-and-never-widen-the-page-at-all-0123456789");
    await expectFits(page);
    await tickets.getByRole("button", { name: "Send request" }).click();
    await expect(page).toHaveURL(/\?ticket=tkt_/);
    const ticket = page.locator("cab-ticket");
    await expectInView(page, ticket.getByRole("heading", { name: /Server does not boot/ }));
    await expectFits(page);
  });
});
