import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yauzl from "yauzl";
import { expect, signIn, signUpClient, test, alice } from "./fixtures.js";
import { startOwnCabinet } from "./own-cabinet.js";
import { signInAtTestIdp, startOidcCabinet } from "./oidc-cabinet.js";

/** The names and bytes of a ZIP's entries. */
function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

test.describe("privacy", () => {
  test("a client prepares an export of their data, downloads it and finds themselves in it", async ({ page }) => {
    const client = await signUpClient(page, "Ezra Export");
    await page.goto("/privacy.html");
    const privacy = page.locator("cab-privacy");
    // Re-authentication: the archive holds everything about them.
    await privacy.getByRole("button", { name: "Prepare my data" }).click();
    await expect(privacy.getByRole("alert")).toBeVisible();
    await privacy.getByLabel("Your password").fill(client.password);
    await privacy.getByRole("button", { name: "Prepare my data" }).click();
    const download = privacy.getByRole("button", { name: "Download" });
    await expect(download).toBeVisible({ timeout: 30_000 });
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^personal-data-.*\.zip$/);
    const path = join(mkdtempSync(join(tmpdir(), "cabinet-export-")), "export.zip");
    await file.saveAs(path);
    const entries = await unzip(readFileSync(path));
    expect(JSON.parse(entries.get("profile.json")!.toString())[0]).toMatchObject({ email: client.email, name: "Ezra Export" });
    expect(entries.has("profile.csv")).toBe(true);
    expect(entries.has("ledger.csv")).toBe(true);
    // The bell announced it.
    await expect(page.locator("cab-notifications")).toBeAttached();
  });

  test("after staff publish a must-agree privacy policy, the prompt stops the client until they accept it", async ({ page }) => {
    const own = await startOwnCabinet();
    try {
      await page.goto(`${own.url}/`);
      await signIn(page);
      await expect(page.locator("cab-login").getByText(`Signed in as ${alice.name}`)).toBeVisible();

      const published = await fetch(`${own.url}/api/v1/staff/legal-documents`, {
        method: "POST",
        headers: { authorization: `Bearer ${await own.staffToken()}`, "content-type": "application/json" },
        body: JSON.stringify({ kind: "privacy_policy", title: "Privacy policy 2027", body: "We changed how long we keep logs.", mustAgree: true }),
      });
      expect(published.status).toBe(201);

      await page.reload();
      const prompt = page.locator("cab-consent-prompt");
      await expect(prompt.getByRole("dialog", { name: "Please review our updated documents" })).toBeVisible();
      expect((await page.request.get(`${own.url}/api/v1/services`)).status()).toBe(403);
      await prompt.getByRole("button", { name: "Continue" }).click();
      await expect(prompt.getByRole("alert")).toHaveText("Accept every required document to continue.");
      await prompt.getByLabel("I accept “Privacy policy 2027”").check();
      await prompt.getByRole("button", { name: "Continue" }).click();
      await expect(prompt.getByRole("dialog")).toHaveCount(0);
      expect((await page.request.get(`${own.url}/api/v1/services`)).status()).toBe(200);
      const history = await (await page.request.get(`${own.url}/api/v1/consents/history`)).json();
      expect(history.items[0]).toMatchObject({ kind: "privacy_policy", version: 1, decision: "accepted" });
    } finally {
      await own.close();
    }
  });

  test("the sign-up form shows the documents staff flagged for it: the required one must be ticked, and the decisions are recorded", async ({ page }) => {
    const own = await startOwnCabinet();
    try {
      const publish = async (body: Record<string, unknown>) => {
        const response = await fetch(`${own.url}/api/v1/staff/legal-documents`, {
          method: "POST",
          headers: { authorization: `Bearer ${await own.staffToken()}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(201);
      };
      await publish({ kind: "terms", title: "Terms of service", body: "Pay on time, please.", mustAgree: true, showOnSignUp: true });
      await publish({ kind: "marketing_email", title: "Offers by e-mail", body: "Now and then.", mustAgree: false, showOnSignUp: true });

      await page.goto(`${own.url}/settings.html`);
      const login = page.locator("cab-login");
      await login.getByRole("button", { name: "Create an account" }).click();
      await login.getByText("Terms of service", { exact: true }).click(); // the title opens the text
      await expect(login.getByText("Pay on time, please.")).toBeVisible();
      await login.getByLabel("Your name").fill("Connie Consent");
      const email = `consent-${Date.now()}@example.com`;
      await login.getByLabel("E-mail", { exact: true }).fill(email);
      await login.getByLabel("Password").fill("a long enough password");
      await login.getByRole("button", { name: "Create account" }).click();
      // The browser's own check (required) stops it before any request while the terms are unticked.
      expect(await login.getByLabel("I have read and accept: Terms of service").evaluate((box) => (box as HTMLInputElement).validity.valueMissing)).toBe(true);
      await expect(login.getByText("Signed in as Connie Consent")).toHaveCount(0);
      await login.getByLabel("I have read and accept: Terms of service").check();
      await login.getByRole("button", { name: "Create account" }).click();
      await expect(login.getByText("Signed in as Connie Consent")).toBeVisible();
      // Accepted with the sign-up: the prompt asks nothing and no call is stopped.
      await expect(page.locator("cab-consent-prompt").getByRole("dialog")).toHaveCount(0);
      expect((await page.request.get(`${own.url}/api/v1/services`)).status()).toBe(200);
      const history = await (await page.request.get(`${own.url}/api/v1/consents/history`)).json();
      expect(history.items.map((i: { kind: string; decision: string }) => `${i.kind}:${i.decision}`).sort()).toEqual([
        "marketing_email:declined",
        "terms:accepted",
      ]);
    } finally {
      await own.close();
    }
  });

  test("a visitor signs up and in with an OpenID Connect provider from <cab-login>", async ({ page }) => {
    const own = await startOidcCabinet();
    try {
      await page.goto(`${own.url}/`);
      const login = page.locator("cab-login");
      await login.getByRole("button", { name: "Continue with Test IdP" }).click();
      await signInAtTestIdp(page, "browser-user");
      await expect(login.getByText("Signed in as User browser-user")).toBeVisible();
      expect(new URL(page.url()).hash).toBe("");
      const me = await (await page.request.get(`${own.url}/api/v1/me`)).json();
      expect(me.user.email).toBe("browser-user@issuer.example");
    } finally {
      await own.close();
    }
  });
});
