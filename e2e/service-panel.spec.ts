import type { APIRequestContext, Page } from "@playwright/test";
import { alice, expect, seriousViolations, test } from "./fixtures.js";

// The part of an active service's page that its provisioner adds (<cab-service-panel> inside
// <cab-service>): the demo's instant provisioner gives Alice's Cloud VPS web-01 addresses, a root
// password (and its reset), reboot and reinstall, a control panel page of the demo and two usage charts.

/** Signs `request`'s context in with a cookie; answers the CSRF token. */
async function signInByApi(request: APIRequestContext, email: string, password: string) {
  const answer = await request.post("/api/v1/auth/sign-in", { data: { email, password, mode: "cookie" } });
  expect(answer.status(), await answer.text()).toBe(200);
  return (await answer.json()).session.csrfToken as string;
}

async function serviceId(request: APIRequestContext, label: string) {
  const list = await (await request.get(`/api/v1/services?q=${label}`)).json();
  return list.items.find((s: { label: string }) => s.label === label).id as string;
}

async function openService(page: Page, id: string) {
  await page.goto(`/services.html?service=${id}`);
  const panel = page.locator("cab-service-panel");
  await expect(panel.getByText("IPv4 address")).toBeVisible({ timeout: 20_000 });
  return panel;
}

test.describe("the service panel", () => {
  test("shows an active VPS's addresses and usage, reveals the root password after the password, reboots after a confirmation, and opens the control panel once", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const csrf = await signInByApi(page.request, alice.email, alice.password);
    const id = await serviceId(page.request, "web-01");
    const panel = await openService(page, id);

    await expect(panel.getByText(/^203\.0\.113\.\d+$/)).toBeVisible();
    await expect(panel.getByText("web-01.vps.northwind.example")).toBeVisible();
    await expect(panel.getByRole("img", { name: /^CPU, last 24 hours: now [\d.]+ %, highest [\d.]+ %$/ })).toBeVisible();
    await expect(panel.getByRole("img", { name: /^Traffic, last 24 hours: now/ })).toBeVisible();

    // The root password: hidden until the password is given again; a wrong one is said.
    await panel.getByRole("button", { name: "Show Root password" }).click();
    await panel.getByLabel("Your password").fill("not my password");
    await panel.getByRole("button", { name: "Show", exact: true }).click();
    await expect(panel.getByRole("alert")).toContainText("The current password or code is not right.");
    await panel.getByLabel("Your password").fill(alice.password);
    await panel.getByRole("button", { name: "Show", exact: true }).click();
    const secret = panel.locator(".secret code");
    await expect(secret).toHaveText(/^[\w-]{16}$/);
    await panel.getByRole("button", { name: "Hide" }).click();
    await expect(secret).toHaveCount(0);

    // An action asks first; Cancel does nothing, Yes runs it.
    await panel.getByRole("button", { name: "Reboot", exact: true }).click();
    await expect(panel.getByText("Reboot the server now? It will be unreachable for about a minute.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByRole("button", { name: "Cancel" }).click();
    await expect(panel.getByText(/Reboot the server now/)).toHaveCount(0);
    await panel.getByRole("button", { name: "Reboot", exact: true }).click();
    await panel.getByRole("button", { name: "Yes, reboot" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "The server is rebooting." })).toBeVisible();

    // The control panel opens in a tab of its own, on the demo's page for this server.
    const opening = page.waitForEvent("popup");
    await panel.getByRole("button", { name: "Open the server panel" }).click();
    const tab = await opening;
    await tab.waitForURL(/\/demo-panel\.html\?server=web-01$/);
    await expect(tab.locator("#server")).toHaveText("web-01");
    await tab.close();

    // Each of it is in the account's audit log.
    const audit = await (await page.request.get("/api/v1/audit?action=service.", { headers: { "X-CSRF-Token": csrf } })).json();
    const actions = audit.items.filter((e: { target: { id: string } | null }) => e.target?.id === id).map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["service.credential_revealed", "service.panel_action", "service.panel_login"]));
  });

  test("resets the root password after the password is given again, and shows the new one once, where the credential is", async ({ page }) => {
    test.setTimeout(90_000);
    const csrf = await signInByApi(page.request, alice.email, alice.password);
    const id = await serviceId(page.request, "web-01");
    const panel = await openService(page, id);

    await panel.getByRole("button", { name: "Reset root password" }).click();
    await expect(panel.getByText(/^Set a new root password\?/)).toBeVisible();
    await panel.getByLabel("Your password").fill("not my password");
    await panel.getByRole("button", { name: "Yes, reset root password" }).click();
    await expect(panel.getByRole("alert")).toContainText("The current password or code is not right.");
    await expect(panel.locator(".secret code")).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    await panel.getByLabel("Your password").fill(alice.password);
    await panel.getByRole("button", { name: "Yes, reset root password" }).click();
    await expect(panel.getByRole("status").filter({ hasText: "The root password was reset." })).toBeVisible();
    const secret = panel.locator(".secret code");
    await expect(secret).toHaveText(/^[\w-]{16}$/);
    const shown = await secret.textContent();
    // It is the password now: a later reveal gives the same.
    const revealed = await page.request.post(`/api/v1/services/${id}/panel/credentials/root/reveal`, {
      headers: { "X-CSRF-Token": csrf },
      data: { password: alice.password },
    });
    expect((await revealed.json()).value).toBe(shown);
    // Once hidden, it is gone from the page: only a reveal (the password again) shows it.
    await panel.getByRole("button", { name: "Hide" }).click();
    await expect(secret).toHaveCount(0);
  });

  test("a provider that times out or refuses is said plainly, and the page stays usable", async ({ page }) => {
    await signInByApi(page.request, alice.email, alice.password);
    const id = await serviceId(page.request, "web-01");
    const panel = await openService(page, id);
    let answer = { status: 504, json: { error: { code: "CAB_ERR_PROVIDER_TIMEOUT", message: "The server's provider did not answer in time.", details: {} } } };
    await page.route(`**/api/v1/services/${id}/panel/actions/reboot**`, (route) => route.fulfill(answer));

    await panel.getByRole("button", { name: "Reboot", exact: true }).click();
    await panel.getByRole("button", { name: "Yes, reboot" }).click();
    await expect(panel.getByRole("alert")).toHaveText("The server did not answer in time. It may still do it: look again in a moment before trying again.");

    answer = {
      status: 502,
      json: { error: { code: "CAB_ERR_PROVIDER_FAILED", message: "A backup is running.", details: { reason: "A backup is running." } as never } },
    };
    await panel.getByRole("button", { name: "Reboot", exact: true }).click();
    await panel.getByRole("button", { name: "Yes, reboot" }).click();
    await expect(panel.getByRole("alert")).toHaveText("The server could not do this: A backup is running.");
    await expect(panel.getByRole("button", { name: "Reboot", exact: true })).toBeEnabled();
  });

  test("a user whose role only views services sees the server but cannot reveal, act or open the panel; the server refuses them too", async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const csrf = await signInByApi(page.request, alice.email, alice.password);
    const id = await serviceId(page.request, "web-01");
    const email = `viewer-${Date.now()}@example.com`;
    const created = await page.request.post("/api/v1/users", {
      headers: { "X-CSRF-Token": csrf },
      data: { email, name: "Vera Viewer", password: "handed over 123", roles: ["viewer"], serviceIds: null, currentPassword: alice.password },
    });
    expect(created.status(), await created.text()).toBe(201);

    const context = await browser.newContext();
    try {
      const viewer = await context.newPage();
      let viewerCsrf = await signInByApi(viewer.request, email, "handed over 123");
      const changed = await viewer.request.post("/api/v1/me/password", {
        headers: { "X-CSRF-Token": viewerCsrf },
        data: { password: "handed over 123", newPassword: "viewer's own password" },
      });
      expect(changed.status(), await changed.text()).toBe(200);
      viewerCsrf = await signInByApi(viewer.request, email, "viewer's own password");

      const panel = await openService(viewer, id);
      await expect(panel.getByRole("button", { name: "Show Root password" })).toBeDisabled();
      await expect(panel.getByText("Your role does not allow seeing credentials.")).toBeVisible();
      await expect(panel.getByRole("button", { name: "Reboot", exact: true })).toBeDisabled();
      await expect(panel.getByRole("button", { name: "Open the server panel" })).toBeDisabled();

      const reveal = await viewer.request.post(`/api/v1/services/${id}/panel/credentials/root/reveal`, {
        headers: { "X-CSRF-Token": viewerCsrf },
        data: { password: "viewer's own password" },
      });
      expect(reveal.status()).toBe(403);
      expect((await reveal.json()).error.code).toBe("CAB_ERR_FORBIDDEN");
      const reboot = await viewer.request.post(`/api/v1/services/${id}/panel/actions/reboot`, { headers: { "X-CSRF-Token": viewerCsrf }, data: {} });
      expect(reboot.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
