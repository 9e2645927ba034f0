import type { APIRequestContext } from "@playwright/test";
import { addVirtualAuthenticator, alice as demoOwner, expect, signUpClient, test } from "./fixtures.js";
import { signInAtTestIdp, startOidcCabinet } from "./oidc-cabinet.js";

// An invitee without a login accepts an invitation from <cab-users>'s invitation view in
// Chromium: creating the login with a passkey (Chromium's virtual authenticator stands in for
// the device) and signing in with it again; or at a real OpenID provider, coming back to the
// team page signed in to the inviting account with the invitation's roles.

/** An invitation by the owner (a cookie session with its CSRF token, or a bearer token): the link's token. */
async function invite(request: APIRequestContext, base: string, auth: { csrfToken: string } | { token: string }, email: string, roles: string[]) {
  const sent = await request.post(`${base}/api/v1/users/invitations`, {
    headers: "token" in auth ? { Authorization: `Bearer ${auth.token}` } : { "X-CSRF-Token": auth.csrfToken },
    data: { email, roles, serviceIds: null, password: "northwind-demo" },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  return new URL((await sent.json()).link).searchParams.get("invitation")!;
}

test.describe("accepting an invitation without a login", () => {
  test("with a passkey: the login is made in the inviting account with the role, and signs in again with the passkey alone", async ({ page, browser }) => {
    const owner = await signUpClient(page, "Paula Owner");
    const email = `passkey-invitee-${Date.now()}@example.com`;
    const token = await invite(page.request, "", owner, email, ["accountant"]);

    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    try {
      const invitee = await context.newPage();
      await addVirtualAuthenticator(invitee);
      await invitee.goto(`/team.html?invitation=${token}`);
      const users = invitee.locator("cab-users");
      await expect(users.getByText(`You are invited to the account “Paula Owner” as ${email}.`)).toBeVisible();
      await users.getByLabel("Your name").fill("Kim Passkey");
      await users.getByRole("button", { name: "Create with a passkey" }).click();
      await expect(users.getByRole("status")).toHaveText("You now have access to “Paula Owner”.");
      expect(new URL(invitee.url()).searchParams.get("invitation")).toBeNull();

      const me = await (await invitee.request.get("/api/v1/me")).json();
      expect(me.user).toMatchObject({ email, name: "Kim Passkey", role: "member", roles: ["accountant"] });
      expect(me.account.name).toBe("Paula Owner");
      const methods = await (await invitee.request.get("/api/v1/me/sign-in-methods")).json();
      expect(methods).toMatchObject({ hasPassword: false });

      // Signed out, the passkey alone signs them in again, to the inviting account.
      const login = invitee.locator("cab-login");
      await login.getByRole("button", { name: "Sign out" }).click();
      await login.getByRole("button", { name: "Sign in with a passkey" }).click();
      await expect(login.getByText("Signed in as Kim Passkey")).toBeVisible();
      expect((await (await invitee.request.get("/api/v1/me")).json()).account.name).toBe("Paula Owner");

      // The link is spent: opened again, it says so and offers nothing.
      await invitee.goto(`/team.html?invitation=${token}`);
      await expect(users.getByRole("alert")).toContainText("This invitation has expired, was used or was revoked.");
      await expect(users.getByRole("button", { name: "Create with a passkey" })).toHaveCount(0);
    } finally {
      await context.close();
    }
  });

  test("at an OpenID Connect provider: back on the team page, signed in to the inviting account with the invitation's roles", async ({ page }) => {
    const own = await startOidcCabinet();
    try {
      const signedIn = await page.request.post(`${own.url}/api/v1/auth/sign-in`, {
        data: { email: demoOwner.email, password: demoOwner.password, mode: "bearer" },
      });
      expect(signedIn.status(), await signedIn.text()).toBe(200);
      const alice = await signedIn.json();
      const email = "oidc-invitee@example.com";
      const token = await invite(page.request, own.url, { token: alice.token }, email, ["sysadmin", "viewer"]);

      await page.goto(`${own.url}/team.html?invitation=${token}`);
      const users = page.locator("cab-users");
      await expect(users.getByText(`You are invited to the account “${alice.account.name}” as ${email}.`)).toBeVisible();
      await users.getByRole("button", { name: "Continue with Test IdP" }).click();
      await signInAtTestIdp(page, "invited-browser-user");

      await expect(users.getByRole("status")).toHaveText(`You now have access to “${alice.account.name}”.`);
      await expect(page.locator("cab-login").getByText("Signed in as")).toBeVisible();
      // The one-time code and the spent link have left the address.
      const url = new URL(page.url());
      expect(url.hash).toBe("");
      expect(url.searchParams.get("invitation")).toBeNull();
      const me = await (await page.request.get(`${own.url}/api/v1/me`)).json();
      expect(me.user).toMatchObject({ email, role: "member", roles: ["sysadmin", "viewer"] });
      expect(me.account.id).toBe(alice.account.id);
      // The owner sees them among the account's people, joined through the provider.
      const people = await (await page.request.get(`${own.url}/api/v1/users`, { headers: { Authorization: `Bearer ${alice.token}` } })).json();
      expect(people.items.find((p: { email: string }) => p.email === email)).toMatchObject({ roles: ["sysadmin", "viewer"], status: "active" });
    } finally {
      await own.close();
    }
  });
});
