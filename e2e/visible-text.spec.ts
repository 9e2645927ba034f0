import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";

// Issue 13 item 6: what a client reads on the services, billing and support pages — every demo
// client, every one of their services — has no raw option code (`ams-1` where the form says
// "Amsterdam"), no unpluralised unit ("1 cores", "1 services", "(s)") and no internal id.
// Read from the accessibility tree, which pierces the widgets' shadow roots and leaves out what
// is hidden; an option's value (its code) is never in it, its label is.

const clients = ["alice@example.com", "bob@example.com", "carol@example.com"];
const PASSWORD = "northwind-demo";

/** Words the widgets count: after "1" they must be singular, after another number plural. */
const NOUNS = "core|service|byte|month|day|year|period|invoice|payment|file|request|document|notification|session|transaction|star|line|operation";
const rules: { name: string; pattern: RegExp }[] = [
  // A count stands alone: "NW-2026 Invoice" (a number inside a document number) is no count.
  { name: "a plural after 1", pattern: new RegExp(`(?<![\\w.,-])1 (?:${NOUNS})s\\b`, "i") },
  { name: "a singular after another number", pattern: new RegExp(`(?<![\\w.,-])(?:0|[2-9]|\\d{2,}) (?:${NOUNS})(?![a-z])`, "i") },
  { name: "an (s) plural", pattern: /\w\(s\)/ },
  { name: "an internal id", pattern: /\b(?:svc|inv|acc|usr|pay|doc|tkt|ntf|ord|rnw|chg|prd|stf|aud|msg|ref|brd)_[0-9a-z]{8,}/ },
];

async function signInAs(page: Page, email: string) {
  const answer = await page.request.post("/api/v1/auth/sign-in", { data: { email, password: PASSWORD, mode: "cookie" } });
  expect(answer.status(), await answer.text()).toBe(200);
}

/** The page's text as a client reads it, once nothing says it is still loading. */
async function visibleText(page: Page): Promise<string> {
  let text = "";
  await expect
    .poll(
      async () => {
        // Links' addresses (`/url: …?service=svc_…`) are in the snapshot but not on screen.
        // A table row's name runs its cells together ("Dec 5, 2026 Invoice …"): the cells are read on their own.
        text = (await page.locator("body").ariaSnapshot())
          .split("\n")
          .filter((line) => !/^\s*- \/url:/.test(line))
          .map((line) => line.replace(/^(\s*- )'?row ".*$/, "$1row:")) // YAML may quote the whole line
          .join("\n");
        return /Loading|Working out|Restoring/i.test(text) ? "loading" : "ready";
      },
      { timeout: 30_000 },
    )
    .toBe("ready");
  return text;
}

function problemsIn(text: string, codes: string[]): string[] {
  const found: string[] = [];
  for (const rule of rules) {
    const match = text.match(rule.pattern);
    if (match)
      found.push(`${rule.name}: “${match[0]}” in “${text.slice(Math.max(0, match.index! - 40), match.index! + match[0].length + 20).replace(/\s+/g, " ")}”`);
  }
  for (const code of codes)
    if (new RegExp(`(?<![\\w-])${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`).test(text)) found.push(`a raw option code: “${code}”`);
  return found;
}

test.describe("what a client reads", () => {
  test.describe.configure({ timeout: 240_000 });

  for (const email of clients) {
    test(`${email}: services, billing and support say things in words`, async ({ page }) => {
      await signInAs(page, email);
      // The catalog's option codes whose label differs from the code: never to be shown as such.
      const catalog = await (await page.request.get("/api/v1/catalog")).json();
      const codes = [
        ...new Set(
          (catalog.items as { parameters: { kind: string; options?: { value: string; label: string }[] }[] }[]).flatMap((p) =>
            p.parameters.flatMap((d) => (d.kind === "enum" ? (d.options ?? []).filter((o) => o.value !== o.label).map((o) => o.value) : [])),
          ),
        ),
      ];
      expect(codes).toContain("ams-1"); // the demo's data centre: the check has something to find

      const services = (await (await page.request.get("/api/v1/services?limit=100")).json()).items as { id: string }[];
      const pages = ["/services.html", ...services.map((s) => `/services.html?service=${s.id}`), "/billing.html", "/support.html"];
      const problems: string[] = [];
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator("cab-login").getByLabel("E-mail")).toBeHidden({ timeout: 30_000 });
        if (path.includes("?service=")) await expect(page.locator("cab-service").locator("[part~='badge']")).toBeVisible({ timeout: 30_000 });
        // The parameters are shown once the catalog's labels are known (never their codes meanwhile).
        if (path.startsWith("/services.html") && services.length)
          await expect(page.locator("cab-services [part~='parameters']").first()).toBeVisible({ timeout: 30_000 });
        if (path === "/billing.html") await expect(page.locator("cab-balance").getByText("Available to spend")).toBeVisible({ timeout: 30_000 });
        for (const problem of problemsIn(await visibleText(page), codes)) problems.push(`${path}: ${problem}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
