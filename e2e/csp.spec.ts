import { expect, signUpClient, test } from "./fixtures.js";

// The host example serves its pages with a strict Content-Security-Policy (no inline script or
// style, scripts from its own origin, which is the core's here): every widget must work under it.
test("every page of the host example works under a strict CSP, with no violation reported", async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)),
  );
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  await signUpClient(page);
  for (const [path, widget, text] of [
    ["/", "cab-login", "Sign out"],
    ["/services.html", "cab-order", "Order a service"],
    ["/billing.html", "cab-balance", "Available to spend"],
    ["/support.html", "cab-tickets", "New request"],
  ] as const) {
    const response = await page.goto(path);
    const csp = response!.headers()["content-security-policy"];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    await expect(page.locator(widget).getByText(text).first()).toBeVisible();
  }
  expect(violations, "CSP violations").toEqual([]);
});
