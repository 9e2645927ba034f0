import { generate } from "otplib";
import { openMailbox, type ReceivedMail } from "./mailbox.js";
import { addVirtualAuthenticator, expect, seriousViolations, signUpClient, test } from "./fixtures.js";

// Account security in Chromium, against the demo: TOTP sign-in with a code the test computes,
// a passkey added and used through Chromium's virtual authenticator (CDP), and a password reset
// whose link arrives by e-mail at a real SMTP server this file runs.

let mailbox: Awaited<ReturnType<typeof openMailbox>>;
let mails: ReceivedMail[] = [];

test.beforeAll(async () => {
  mailbox = await openMailbox();
  mails = mailbox.mails;
});
test.afterAll(async () => {
  await mailbox.close();
});

/** The code the authenticator app shows `aheadSeconds` from now. */
const totp = (secret: string, aheadSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + aheadSeconds });

test.describe("account security", () => {
  test("turn on TOTP in <cab-security>, then sign in with a code the test computes", async ({ page }) => {
    const client = await signUpClient(page, "Tess Totp");
    await page.goto("/settings.html");
    const security = page.locator("cab-security");
    await security.getByRole("button", { name: "Turn on" }).click();
    const twoFactor = security.locator("[part=two-factor]");
    await twoFactor.getByLabel("Current password").fill(client.password);
    await twoFactor.getByRole("button", { name: "Confirm" }).click();
    await expect(security.locator("[part=qr] svg")).toBeVisible();
    const secret = (await security.locator("code.secret").textContent())!.trim();
    await twoFactor.getByLabel("Code").fill(await totp(secret));
    await twoFactor.getByRole("button", { name: "Confirm" }).click();
    await expect(security.locator("[part=recovery-codes] li")).toHaveCount(10);
    await security.getByRole("button", { name: "I have saved them" }).click();
    await expect(security.getByText("On: signing in asks for a code")).toBeVisible();

    const login = page.locator("cab-login");
    await login.getByRole("button", { name: "Sign out" }).click();
    await login.getByLabel("E-mail").fill(client.email);
    await login.getByLabel("Password").fill(client.password);
    await login.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(login.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
    await login.getByLabel("Code").fill("000000");
    await login.getByRole("button", { name: "Verify" }).click();
    await expect(login.getByRole("alert")).toContainText("not right");
    // The next step's code: the one that confirmed the setup is used up (each code works once).
    await login.getByLabel("Code").fill(await totp(secret, 30));
    await login.getByRole("button", { name: "Verify" }).click();
    await expect(login.getByText("Signed in as Tess Totp")).toBeVisible();
  });

  test("add a passkey with a virtual authenticator, then sign in with it alone", async ({ page }) => {
    await addVirtualAuthenticator(page);
    const client = await signUpClient(page, "Pat Passkey");
    await page.goto("/settings.html");
    const security = page.locator("cab-security");
    await security.getByPlaceholder("Name").fill("Test laptop");
    await security.locator("[part=passkeys]").getByPlaceholder("Current password").fill(client.password);
    await security.getByRole("button", { name: "Add a passkey" }).click();
    await expect(security.locator(".passkey")).toContainText("Test laptop");

    const login = page.locator("cab-login");
    await login.getByRole("button", { name: "Sign out" }).click();
    await login.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(login.getByText("Signed in as Pat Passkey")).toBeVisible();
    await expect(security.locator(".passkey")).toContainText("last used");
  });

  test("forgot password: the reset link arrives by e-mail and sets a new password", async ({ page }) => {
    const client = await signUpClient(page, "Rita Reset");
    await page.context().clearCookies();
    await page.goto("/settings.html");
    const login = page.locator("cab-login");
    await login.getByRole("button", { name: "Forgot your password?" }).click();
    await login.getByLabel("E-mail").fill(client.email);
    await login.getByRole("button", { name: "Send the link" }).click();
    await expect(login.getByRole("status")).toContainText("on its way");

    await expect.poll(() => mails.find((m) => m.to.includes(client.email)), { timeout: 30_000 }).toBeTruthy();
    const mail = mails.find((m) => m.to.includes(client.email))!;
    expect(mail.subject).toContain("Reset your password");
    const link = /https?:\/\/\S+#cab-reset=cabl_[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
    expect(new URL(link).pathname).toBe("/settings.html");

    await page.goto(link);
    await expect(login.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    // The token left the address bar as soon as it was read.
    expect(page.url()).not.toContain("cab-reset");
    await login.getByLabel("New password").fill("a fresh password 42");
    await login.getByRole("button", { name: "Set the password" }).click();
    await expect(login.getByRole("status")).toContainText("Sign in with it now");
    await login.getByLabel("E-mail").fill(client.email);
    await login.getByLabel("Password").fill("a fresh password 42");
    await login.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(login.getByText("Signed in as Rita Reset")).toBeVisible();
  });

  test("changing the language in <cab-settings> switches every widget", async ({ page }) => {
    await signUpClient(page, "Lena Lang");
    await page.goto("/settings.html");
    const settings = page.locator("cab-settings");
    await settings.getByLabel("Language", { exact: true }).selectOption("ru");
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings.getByRole("heading", { name: "Настройки аккаунта" })).toBeVisible();
    await expect(page.locator("cab-security").getByRole("heading", { name: "Безопасность" })).toBeVisible();
    await expect(page.locator("cab-login").getByRole("button", { name: "Выйти" })).toBeVisible();
  });

  test("sign up from <cab-login> where the brand allows it", async ({ page }) => {
    await page.context().clearCookies();
    await page.goto("/settings.html");
    const login = page.locator("cab-login");
    await login.getByRole("button", { name: "Create an account" }).click();
    await login.getByLabel("Your name").fill("Sam Signup");
    await login.getByLabel("E-mail").fill(`signup-${Date.now()}@example.com`);
    await login.getByLabel("Password").fill("short");
    await login.getByRole("button", { name: "Create account" }).click();
    // The browser's own check (minlength) stops a short password before any request.
    await expect(login.getByText("Signed in as Sam Signup")).toHaveCount(0);
    await login.getByLabel("Password").fill("a long enough password");
    await login.getByRole("button", { name: "Create account" }).click();
    await expect(login.getByText("Signed in as Sam Signup")).toBeVisible();
    await expect(page.locator("cab-settings").getByLabel("Name")).toHaveValue("Sam Signup");
  });

  test("a passkey as the second factor after the password, and signing out the other sessions", async ({ page, browser }) => {
    await addVirtualAuthenticator(page);
    const client = await signUpClient(page, "Sid Second");
    // TOTP on, through the API as the widget does it.
    const csrf = { "X-CSRF-Token": client.csrfToken };
    const setup = await (await page.request.post("/api/v1/me/two-factor/setup", { data: { password: client.password }, headers: csrf })).json();
    const confirmed = await page.request.post("/api/v1/me/two-factor/confirm", { data: { code: await totp(setup.secret) }, headers: csrf });
    const { recoveryCodes } = await confirmed.json();
    // Another browser signed in as the same user (password + the next code).
    const other = await browser.newContext();
    const first = await (
      await other.request.post(`${test.info().project.use.baseURL}/api/v1/auth/sign-in`, { data: { email: client.email, password: client.password } })
    ).json();
    const second = await other.request.post(`${test.info().project.use.baseURL}/api/v1/auth/second-factor`, {
      data: { challenge: first.error.details.challenge, code: await totp(setup.secret, 30) },
    });
    expect(second.status()).toBe(200);

    await page.goto("/settings.html");
    const security = page.locator("cab-security");
    await security.getByPlaceholder("Name").fill("Phone");
    await security.locator("[part=passkeys]").getByPlaceholder("Current password").fill(client.password);
    await security.getByRole("button", { name: "Add a passkey" }).click();
    // Two-step verification is on: adding a passkey needs the code too.
    await expect(security.getByRole("alert")).toContainText("not right");
    await security.locator("[part=passkeys]").getByPlaceholder("Current password").fill(client.password);
    // A recovery code: the app's codes of this step and the next are used up already.
    await security.locator("[part=passkeys]").getByPlaceholder("Code").fill(recoveryCodes[0]);
    await security.getByRole("button", { name: "Add a passkey" }).click();
    await expect(security.locator(".passkey")).toContainText("Phone");
    await expect(security.locator("[part=sessions] li")).toHaveCount(2);
    await security.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(security.locator("[part=sessions] li")).toHaveCount(1);
    expect((await other.request.get(`${test.info().project.use.baseURL}/api/v1/me`)).status()).toBe(401);
    await other.close();

    // Password, then the passkey as the second factor.
    const login = page.locator("cab-login");
    await login.getByRole("button", { name: "Sign out" }).click();
    await login.getByLabel("E-mail").fill(client.email);
    await login.getByLabel("Password").fill(client.password);
    await login.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(login.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
    await login.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(login.getByText("Signed in as Sid Second")).toBeVisible();
  });

  test("the settings page has no serious accessibility problems, signed out and signed in", async ({ page }) => {
    await page.context().clearCookies();
    await page.goto("/settings.html");
    await expect(page.locator("cab-login").getByLabel("E-mail")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await signUpClient(page, "Alma Axe");
    await page.goto("/settings.html");
    await expect(page.locator("cab-security").getByRole("button", { name: "Turn on" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
