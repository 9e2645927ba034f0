import type { Browser, Page } from "@playwright/test";
import { expect, seriousViolations, signIn, signUpClient, test, topUpByApi } from "./fixtures.js";
import { openMailbox, type ReceivedMail } from "./mailbox.js";

// Shared access in Chromium, against the demo: the owner invites people with roles from the
// team page, the invitation arrives by e-mail at a real SMTP server this file runs, and each
// person sees what their role allows; the owner reads it all in the audit log; a person in two
// accounts switches between them.

let mailbox: Awaited<ReturnType<typeof openMailbox>>;
let mails: ReceivedMail[] = [];
test.beforeAll(async () => {
  mailbox = await openMailbox();
  mails = mailbox.mails;
});
test.afterAll(async () => {
  await mailbox.close();
});

const password = "a long new password";

async function productId(page: Page, code: string): Promise<string> {
  const catalog = await (await page.request.get("/api/v1/catalog")).json();
  return catalog.items.find((p: { code: string }) => p.code === code).id;
}

/** An order through the API with the page's cookie session; unpaid (an open invoice) when the balance is short. */
async function placeOrder(page: Page, csrfToken: string, labels: string[]) {
  const vps = await productId(page, "vps");
  const placed = await page.request.post("/api/v1/orders", {
    headers: { "X-CSRF-Token": csrfToken, "Idempotency-Key": `e2e-${Date.now()}-${Math.random()}` },
    data: { items: labels.map((label) => ({ productId: vps, periodMonths: 1, label })) },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  return (await placed.json()) as { invoiceId: string | null; services: { id: string; label: string }[] };
}

async function inviteByApi(page: Page, csrfToken: string, email: string, roles: string[], serviceIds: string[] | null = null) {
  const sent = await page.request.post("/api/v1/users/invitations", {
    headers: { "X-CSRF-Token": csrfToken },
    data: { email, roles, serviceIds, password: "northwind-demo" },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  return new URL((await sent.json()).link).searchParams.get("invitation")!;
}

/** A second browser (another person), with no session yet. */
async function otherPerson(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

test.describe("shared access", () => {
  test("the owner invites an accountant; the e-mailed link creates their login; they pay an invoice, see documents, and no services or tickets", async ({
    page,
    browser,
  }) => {
    const owner = await signUpClient(page, "Olivia Owner");
    const order = await placeOrder(page, owner.csrfToken, ["acct-web"]);
    expect(order.invoiceId).toBeTruthy();
    await topUpByApi(page, owner.csrfToken, 5000);

    await page.goto("/team.html");
    const users = page.locator("cab-users");
    const invite = users.locator("[part~=invite]");
    const email = `accountant-${Date.now()}@example.com`;
    await invite.getByLabel("E-mail").fill(email);
    await expect(invite.getByRole("checkbox", { name: "Accountant" })).toBeChecked();
    await invite.getByLabel("Your password").fill("northwind-demo"); // the owner's, as for every new way in
    await invite.getByRole("button", { name: "Send the invitation" }).click();
    await expect(users.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
    await expect(users.locator(`[data-invitation][data-email="${email}"]`)).toContainText("Pending");

    await expect.poll(() => mails.find((m) => m.to.includes(email)), { timeout: 30_000 }).toBeTruthy();
    const mail = mails.find((m) => m.to.includes(email))!;
    expect(mail.subject).toContain("You are invited to the account “Olivia Owner”");
    const link = new URL(/https?:\/\/\S+\?invitation=cabi_[A-Za-z0-9_-]+/.exec(mail.text)![0]);

    // The accountant opens the link: the site's home page forwards it to the team page.
    const accountant = await otherPerson(browser);
    const p2 = accountant.page;
    await p2.goto(`/${link.search}`);
    await p2.waitForURL((url) => url.pathname === "/team.html");
    const accept = p2.locator("cab-users");
    await expect(accept.getByText(`You are invited to the account “Olivia Owner” as ${email}.`)).toBeVisible();
    await accept.getByLabel("Your name").fill("Anna Accountant");
    await accept.getByLabel("Choose a password").fill(password);
    await accept.getByRole("button", { name: "Accept and create the login" }).click();
    await expect(accept.getByRole("status")).toHaveText("You now have access to “Olivia Owner”.");
    await expect(p2.locator("cab-login").getByText("Signed in as Anna Accountant")).toBeVisible();
    // Users and roles stay the owner's.
    await p2.goto("/team.html");
    await expect(p2.locator("cab-users").getByText("Only the account's owner manages its users.")).toBeVisible();
    await expect(p2.locator("cab-roles").getByText("Only the account's owner manages roles.")).toBeVisible();

    // Signed out and in again with the new login, the accountant lands in the owner's account.
    await p2.locator("cab-login").getByRole("button", { name: "Sign out" }).click();
    await signIn(p2, email, password);
    await expect(p2.locator("cab-login").getByText("Signed in as Anna Accountant")).toBeVisible();

    await p2.goto("/billing.html");
    const invoice = p2.locator("cab-invoices").getByRole("listitem").filter({ hasText: "acct-web" });
    await expect(invoice).toContainText("Open");
    await invoice.getByRole("button", { name: "Pay from balance" }).click();
    await expect(invoice).toContainText("Paid");
    await expect(p2.locator("cab-documents").getByText(/You do not have access/)).toHaveCount(0);
    await expect(p2.locator("cab-documents").getByRole("heading", { name: "Documents" })).toBeVisible();

    await p2.goto("/services.html");
    await expect(p2.locator("cab-services").getByText("You do not have permission to do this.")).toBeVisible();
    await expect(p2.locator("cab-order").getByText("Ordering needs the services permission. Ask the account's owner.")).toBeVisible();
    await expect(p2.locator("cab-services").getByText("acct-web")).toHaveCount(0);
    await p2.goto("/support.html");
    await expect(p2.locator("cab-tickets").getByText(/^You do not have access to support requests\./)).toBeVisible();
    await accountant.context.close();

    // The owner reads it all in the audit log: the invitation, the join, the payment by Anna.
    await page.goto("/team.html");
    const audit = page.locator("cab-audit");
    await expect(audit.locator('[data-action="user.invited"]')).toHaveCount(1);
    await expect(audit.locator('[data-action="user.joined"]')).toContainText("Anna Accountant");
    await expect(audit.locator('[data-action="user.joined"]')).toContainText("Invitation accepted");
    await expect(audit.locator('[data-action="invoice.paid"]')).toContainText("Anna Accountant");
    await expect(users.locator(`[data-user][data-email="${email}"]`)).toContainText("Accountant");
    await expect(users.locator(`[data-user][data-email="${email}"]`)).toContainText("Active");
  });

  test("a sysadmin limited to one service sees only it and support, not billing; the owner reads it in the audit log", async ({ page, browser }) => {
    const owner = await signUpClient(page, "Sam Owner");
    const order = await placeOrder(page, owner.csrfToken, ["alpha-svc", "beta-svc"]);
    const alpha = order.services.find((s) => s.label === "alpha-svc")!;
    const email = `sysadmin-${Date.now()}@example.com`;

    // The owner invites from the widget: the role, and the one service.
    await page.goto("/team.html");
    const invite = page.locator("cab-users [part~=invite]");
    await invite.getByLabel("E-mail").fill(email);
    await invite.getByRole("checkbox", { name: "Accountant" }).uncheck();
    await invite.getByRole("checkbox", { name: "System administrator" }).check();
    await invite.getByRole("checkbox", { name: "alpha-svc" }).check();
    await invite.getByLabel("Your password").fill("northwind-demo"); // the owner's, as for every new way in
    await invite.getByRole("button", { name: "Send the invitation" }).click();
    await expect(page.locator("cab-users").getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
    await expect.poll(() => mails.find((m) => m.to.includes(email)), { timeout: 30_000 }).toBeTruthy();
    const link = new URL(/https?:\/\/\S+\?invitation=cabi_[A-Za-z0-9_-]+/.exec(mails.find((m) => m.to.includes(email))!.text)![0]);

    const admin = await otherPerson(browser);
    const accepted = await admin.page.request.post("/api/v1/invitations/accept", {
      data: { token: link.searchParams.get("invitation"), name: "Sid Sysadmin", password, mode: "cookie" },
    });
    expect(accepted.status(), await accepted.text()).toBe(200);
    const p2 = admin.page;
    await p2.goto(`/services.html?service=${alpha.id}`);
    const list = p2.locator("cab-services");
    await expect(list.getByText("alpha-svc").first()).toBeVisible();
    await expect(list.getByText("beta-svc")).toHaveCount(0);
    await expect(p2.locator("cab-order").getByText("Ordering needs the services permission.")).toHaveCount(0);
    await expect(p2.locator("cab-service").getByText("alpha-svc").first()).toBeVisible();
    await p2.goto("/billing.html");
    for (const tag of ["cab-balance", "cab-invoices", "cab-payments"]) {
      await expect(p2.locator(tag).getByText(/^You do not have access to billing\./)).toBeVisible();
    }
    await p2.goto("/support.html");
    await expect(p2.locator("cab-tickets").getByRole("button", { name: "New request" })).toBeVisible();
    await admin.context.close();

    await page.goto("/team.html");
    const row = page.locator(`cab-users [data-user][data-email="${email}"]`);
    await expect(row).toContainText("System administrator");
    await expect(row).toContainText("1 service");
    const audit = page.locator("cab-audit");
    await audit.getByLabel("Action").selectOption({ label: "Users and sign-in" });
    await audit.getByRole("button", { name: "Apply" }).click();
    await expect(audit.locator('[data-action="user.joined"]')).toContainText("Sid Sysadmin");
    await expect(audit.locator('[data-action="service.ordered"]')).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a person in two accounts switches between them without signing in again", async ({ page, browser }) => {
    const person = await signUpClient(page, "Pat Person");
    await placeOrder(page, person.csrfToken, ["pat-own-svc"]);
    const agency = await otherPerson(browser);
    const client = await signUpClient(agency.page, "Quinn Client");
    await placeOrder(agency.page, client.csrfToken, ["quinn-svc"]);
    const token = await inviteByApi(agency.page, client.csrfToken, person.email, ["viewer"]);
    await agency.context.close();
    // Signed in, the person accepts with their own login: the session moves to the client's account.
    await page.goto(`/team.html?invitation=${token}`);
    const users = page.locator("cab-users");
    await expect(users.getByText(`You are invited to the account “Quinn Client” as ${person.email}.`)).toBeVisible();
    await users.getByRole("button", { name: `Accept as ${person.email}` }).click();
    await expect(users.getByRole("status")).toHaveText("You now have access to “Quinn Client”.");

    await page.goto("/team.html");
    const switcher = page.locator("cab-account-switcher").getByLabel("Switch account");
    await expect(switcher.locator("option")).toHaveText(["Pat Person (owner)", "Quinn Client (user)"]);
    await expect(switcher.locator("option:checked")).toHaveText("Quinn Client (user)");
    await switcher.selectOption({ label: "Pat Person (owner)" });
    await expect(page.locator("cab-users").getByRole("heading", { name: "People with access" })).toBeVisible();
    const switched = page.evaluate(
      () => new Promise((resolve) => document.addEventListener("cab-account-switched", (e) => resolve((e as CustomEvent).detail), { once: true })),
    );
    await switcher.selectOption({ label: "Quinn Client (user)" });
    expect(await switched).toMatchObject({ accountId: expect.stringMatching(/^acc_/) });
    // In the client's account the person is a viewer: no users to manage; the client's audit log to read.
    await expect(page.locator("cab-users").getByText("Only the account's owner manages its users.")).toBeVisible();
    await expect(page.locator("cab-audit").locator('[data-action="user.invited"]')).toContainText("Quinn Client");
    await expect(page.locator("cab-audit").getByRole("button", { name: "Download CSV" })).toBeVisible();

    // The session remembers the account: another page shows the client's services.
    await page.goto("/services.html");
    await expect(page.locator("cab-services").getByText("quinn-svc").first()).toBeVisible();
    await expect(page.locator("cab-services").getByText("pat-own-svc")).toHaveCount(0);
    await expect(page.locator("cab-order").getByText("Ordering needs the services permission. Ask the account's owner.")).toBeVisible();
    // A viewer reads the money, and is told why there is no top-up nor payment.
    await page.goto("/billing.html");
    await expect(page.locator("cab-balance").getByText("Available to spend")).toBeVisible();
    await expect(page.locator("cab-balance").getByText("Your role in this account does not allow this. Ask the account's owner.")).toBeVisible();
    await expect(page.locator("cab-balance").getByRole("button", { name: /Top up/ })).toHaveCount(0);
    await expect(page.locator("cab-invoices").getByText("Your role in this account does not allow this. Ask the account's owner.")).toBeVisible();
    await expect(page.locator("cab-invoices").getByRole("button", { name: "Pay from balance" })).toHaveCount(0);

    await page.goto("/team.html");
    await page.locator("cab-account-switcher").getByLabel("Switch account").selectOption({ label: "Pat Person (owner)" });
    await expect(page.locator("cab-users").getByRole("heading", { name: "People with access" })).toBeVisible();
    await expect(page.locator("cab-audit").locator('[data-action="user.signed_in"]').first()).toBeVisible();
  });

  test("a user the owner creates with a password must choose their own before anything else", async ({ page, browser }) => {
    await signUpClient(page, "Cora Owner");
    await page.goto("/team.html");
    const users = page.locator("cab-users");
    await users.getByText("Create a user with a password").click();
    const create = users.locator("[part~=create]");
    const email = `created-${Date.now()}@example.com`;
    await create.getByLabel("E-mail").fill(email);
    await create.getByLabel("Name").fill("Hank Handed");
    await create.getByLabel("Password", { exact: true }).fill("handed over 123");
    await create.getByLabel("Your password").fill("northwind-demo");
    await create.getByRole("checkbox", { name: "Viewer" }).check();
    await create.getByRole("checkbox", { name: "Accountant" }).uncheck();
    await create.getByRole("button", { name: "Create the user" }).click();
    await expect(users.getByRole("status")).toHaveText(`User ${email} created.`);
    await expect(users.locator(`[data-user][data-email="${email}"]`)).toContainText("Must change the password");

    const hank = await otherPerson(browser);
    await hank.page.goto("/billing.html");
    await signIn(hank.page, email, "handed over 123");
    await expect(hank.page.locator("cab-balance").getByText("Choose a new password in your account settings before continuing.")).toBeVisible();
    await hank.page.goto("/settings.html");
    const settings = hank.page.locator("cab-settings");
    const passwordForm = settings.locator("[part~=password]");
    await passwordForm.getByLabel("Current password").fill("handed over 123");
    await passwordForm.getByLabel("New password").fill(password);
    await passwordForm.getByRole("button", { name: "Change password" }).click();
    await expect(settings.getByText(/^Password changed\./)).toBeVisible();
    await hank.page.goto("/billing.html");
    await expect(hank.page.locator("cab-balance").getByText("Available to spend")).toBeVisible();
    await hank.context.close();
  });

  test("the owner hands the account over to another user after typing their password again, and is then no longer its owner", async ({ page }) => {
    const owner = await signUpClient(page, "Tess Transfer");
    const email = `heir-${Date.now()}@example.com`;
    const created = await page.request.post("/api/v1/users", {
      headers: { "X-CSRF-Token": owner.csrfToken },
      data: { email, name: "Hugo Heir", password: "handed over 123", roles: ["viewer"], serviceIds: null, currentPassword: owner.password },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto("/team.html");
    const users = page.locator("cab-users");
    const row = users.locator(`[data-user][data-email="${email}"]`);
    await row.getByRole("button", { name: "Make owner" }).click();
    const transfer = users.locator("[part~=transfer]");
    // Each form keeps its own password: what is typed for the transfer is not the invitation's.
    await transfer.getByLabel("Your password").fill("not my password");
    await expect(users.locator("[part~=invite]").getByLabel("Your password")).toHaveValue("");
    await transfer.getByRole("button", { name: "Transfer ownership" }).click();
    await expect(users.getByRole("alert")).toContainText("The current password or code is not right.");
    expect((await (await page.request.get("/api/v1/me")).json()).user.role).toBe("owner");

    await transfer.getByLabel("Your password").fill(owner.password);
    await transfer.getByRole("button", { name: "Transfer ownership" }).click();
    await expect(users.getByText("Only the account's owner manages its users.")).toBeVisible();
    expect((await (await page.request.get("/api/v1/me")).json()).user.role).toBe("member");
  });

  test("the team page works on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signUpClient(page, "Mo Bile");
    await page.goto("/team.html");
    await expect(page.locator("cab-users").getByRole("button", { name: "Send the invitation" })).toBeVisible();
    await expect(page.locator("cab-roles").getByRole("heading", { name: "Accountant" })).toBeVisible();
    await expect(page.locator("cab-audit").getByRole("button", { name: "Apply" })).toBeVisible();
    // Nothing of the widgets runs off the screen (wide tables scroll inside their own box).
    const overflow = await page.evaluate(() =>
      ["cab-users", "cab-roles", "cab-audit", "cab-account-switcher"].filter(
        (tag) => document.querySelector(tag)!.getBoundingClientRect().right > window.innerWidth + 1,
      ),
    );
    expect(overflow).toEqual([]);
  });
});
