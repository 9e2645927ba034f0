import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, openHostPage, signIn, test } from "./fixtures.js";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

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
