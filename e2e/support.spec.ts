import type { APIRequestContext, Page } from "@playwright/test";
import { asMemberWith, expect, seriousViolations, signIn, signUpClient, test } from "./fixtures.js";

/** The demo's staff member (README): any staff role may answer tickets, finance included. */
const staff = { email: "finance@northwind.example", password: "northwind-staff" };

/** What a client might paste: it must come back as text, never run. */
const payload = `Hello <script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"> [click](javascript:window.__pwned=3)`;

async function staffToken(request: APIRequestContext): Promise<string> {
  const answer = await request.post("/api/v1/staff/auth/sign-in", { data: staff });
  expect(answer.status(), await answer.text()).toBe(200);
  return (await answer.json()).token as string;
}

/** A staff reply through the staff API, as the provider's helpdesk would send it. */
async function staffReply(request: APIRequestContext, ticketId: string, body: string) {
  const token = await staffToken(request);
  const answer = await request.post(`/api/v1/staff/tickets/${ticketId}/messages`, { headers: { Authorization: `Bearer ${token}` }, data: { body } });
  expect(answer.status(), await answer.text()).toBe(201);
}

const bell = (page: Page) => page.locator("header cab-notifications").getByRole("button", { name: /^Notifications/ });

/** Opens a request through the form on the support page; resolves with its id (from the address). */
async function openRequest(page: Page, subject: string, body: string, file?: { name: string; mimeType: string; buffer: Buffer }) {
  const tickets = page.locator("cab-tickets");
  await tickets.getByRole("button", { name: "New request" }).click();
  await tickets.getByLabel("Subject").fill(subject);
  await tickets.getByLabel("Department").selectOption({ label: "Billing" });
  await tickets.getByLabel("Priority").selectOption({ label: "High" });
  await tickets.getByLabel("Message").fill(body);
  if (file) await tickets.getByLabel("Attachments").setInputFiles(file);
  await tickets.getByRole("button", { name: "Send request" }).click();
  await expect(tickets.getByText(`Your request “${subject}” was sent.`)).toBeVisible();
  // The page opens the new request beside the list, and says which in the address.
  await expect(page).toHaveURL(/\?ticket=tkt_/);
  return new URL(page.url()).searchParams.get("ticket")!;
}

test.describe("support", () => {
  // Staff sign-in hashes a password and the stream is polled on a loaded machine: more room than the default 30 s.
  test.describe.configure({ timeout: 90_000 });

  test("a client opens a request with an attachment; support's reply appears live, raises the bell's count, and is marked read", async ({ page, request }) => {
    await signUpClient(page, "Sam Support");
    await page.goto("/support.html");
    const tickets = page.locator("cab-tickets");
    const ticket = page.locator("cab-ticket");
    await expect(tickets.getByText("You have no support requests yet.")).toBeVisible();
    await expect(bell(page)).toHaveAccessibleName("Notifications");

    const note = Buffer.from("Invoice NW-2026-000001 shows VAT twice.\n");
    const ticketId = await openRequest(page, "VAT charged twice", payload, { name: "invoice-notes.txt", mimeType: "text/plain", buffer: note });

    // The conversation: the client's message, its attachment, and the script as text only.
    await expect(ticket.getByRole("heading", { name: "VAT charged twice" })).toBeVisible();
    const first = ticket.locator('[part~="message-client"]');
    await expect(first).toContainText("<script>window.__pwned = 1</script>");
    await expect(ticket.locator("script, img[onerror]")).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(tickets.getByRole("link", { name: "VAT charged twice" })).toBeVisible();
    await expect(tickets.locator('[part~="badge"]')).toHaveText("Open");

    // The attachment downloads by a plain link (cookie session), with the bytes that were sent.
    const [download] = await Promise.all([page.waitForEvent("download"), ticket.getByRole("link", { name: /Download invoice-notes\.txt/ }).click()]);
    expect(download.suggestedFilename()).toBe("invoice-notes.txt");
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(note.toString());

    // Support answers through the staff API: the reply appears in the open ticket, and the bell counts it, with no reload.
    await page.evaluate(() => ((window as { __stillHere?: boolean }).__stillHere = true));
    await staffReply(request, ticketId, "Thanks, Sam. We have **voided** the duplicate line <script>window.__pwned = 4</script>");
    await expect(ticket.locator('[part~="message-staff"]')).toContainText("We have voided the duplicate line", { timeout: 15_000 });
    await expect(ticket.locator('[part~="message-staff"] [part~="body"] strong')).toHaveText("voided");
    await expect(ticket.locator('[part~="message-staff"]')).toContainText("<script>");
    await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread");
    await expect(tickets.locator('[part~="badge"]')).toHaveText("Waiting for your reply");
    // Open beside the list, the reply is read as it arrives: the list does not call it new.
    await expect(tickets.getByText("New reply")).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __stillHere?: boolean }).__stillHere)).toBe(true);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    // The bell's list: the reply, linked to the request on this page; marking it read clears the count.
    await bell(page).click();
    const panel = page.locator("header cab-notifications");
    await expect(panel.getByRole("link", { name: "Reply from support" })).toHaveAttribute("href", new RegExp(`/support\\.html\\?ticket=${ticketId}$`));
    await panel.getByRole("button", { name: "Mark as read: Reply from support" }).click();
    await expect(bell(page)).toHaveAccessibleName("Notifications");
    await expect(panel.getByRole("button", { name: /Mark as read/ })).toHaveCount(0);
    // The server agrees: after a reload the count is still zero.
    await page.reload();
    await expect(bell(page)).toHaveAccessibleName("Notifications");
  });

  test("the client replies, closes, rates and reopens a request; an empty reply is refused", async ({ page }) => {
    await signUpClient(page, "Rita Rater");
    await page.goto("/support.html");
    const ticketId = await openRequest(page, "Upgrade my plan", "Can I move to the 4 GB plan?");
    const ticket = page.locator("cab-ticket");

    await ticket.getByRole("button", { name: "Reply", exact: true }).click();
    await expect(ticket.getByText("Write a message.")).toBeVisible();
    await expect(ticket.getByLabel("Your reply")).toHaveAttribute("aria-invalid", "true");

    await ticket.getByLabel("Your reply").fill("And keep the same IP, please.");
    await ticket.getByRole("button", { name: "Reply", exact: true }).click();
    await expect(ticket.locator('[part~="message-client"]')).toHaveCount(2);

    await ticket.getByRole("button", { name: "Close the request" }).click();
    await expect(ticket.getByText("This request is closed.")).toBeVisible();
    await expect(page.locator("cab-tickets").locator('[part~="badge"]')).toHaveText("Closed");

    await ticket.getByLabel("4 stars").check();
    await ticket.getByRole("button", { name: "Send rating" }).click();
    await expect(ticket.getByText("You rated this request 4 out of 5.")).toBeVisible();

    await ticket.getByRole("button", { name: "Reopen" }).click();
    await expect(ticket.getByText("This request is closed.")).toHaveCount(0);
    await expect(ticket.getByRole("button", { name: "Close the request" })).toBeVisible();

    // A link to a request opens it, and another account's request is "not found".
    await page.goto(`/support.html?ticket=${ticketId}`);
    await expect(ticket.getByRole("heading", { name: "Upgrade my plan" })).toBeVisible();
    await page.goto("/support.html?ticket=tkt_00000000000000000000000000");
    await expect(ticket.getByText("This request was not found.")).toBeVisible();
  });

  test("too large an attachment is hinted before sending", async ({ page }) => {
    await signUpClient(page);
    await page.goto("/support.html");
    const tickets = page.locator("cab-tickets");
    await tickets.evaluate((el) => el.setAttribute("max-attachment-size", "1000"));
    await tickets.getByRole("button", { name: "New request" }).click();
    await expect(tickets.getByText("Up to 5 files, 1 kB each at most.")).toBeVisible();
    await tickets.getByLabel("Attachments").setInputFiles({ name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(2000, "a") });
    await expect(tickets.getByText("“big.txt” is larger than 1 kB.")).toBeVisible();
    // The picker says what is chosen; never the browser's "No file chosen" beside a chosen file.
    await expect(tickets.locator("[part~='files-chosen']")).toHaveText("1 file chosen");
    await expect(tickets.getByText("No file chosen")).toHaveCount(0);
    await expect(tickets.getByText("2 kB")).toBeVisible();
    await tickets.getByLabel("Subject").fill("Too big");
    await tickets.getByLabel("Message").fill("See the file.");
    await tickets.getByRole("button", { name: "Send request" }).click();
    await expect(tickets.getByLabel("Attachments")).toBeFocused();
    await tickets.getByRole("button", { name: "Remove big.txt" }).click();
    await expect(tickets.getByText("“big.txt” is larger than 1 kB.")).toHaveCount(0);
  });

  test("in bearer mode the bell counts live over the stream with the token, and attachments are fetched with it", async ({ page, request }) => {
    const client = await signUpClient(page, "Bea Bearer");
    await page.context().clearCookies();
    await page.goto("/support.html");
    await page.locator("cab-config").evaluate((el) => el.setAttribute("auth", "bearer"));
    await signIn(page, client.email, client.password);
    const ticketId = await openRequest(page, "Bearer question", "Hello", { name: "hello.txt", mimeType: "text/plain", buffer: Buffer.from("hi\n") });
    expect((await page.context().cookies()).length).toBe(0);

    await staffReply(request, ticketId, "Hello from support.");
    await expect(page.locator("cab-ticket").locator('[part~="message-staff"]')).toContainText("Hello from support.", { timeout: 15_000 });
    await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page
        .locator("cab-ticket")
        .getByRole("button", { name: /Download hello\.txt/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe("hello.txt");

    await bell(page).click();
    await page.locator("header cab-notifications").getByRole("button", { name: "Mark all as read" }).click();
    await expect(bell(page)).toHaveAccessibleName("Notifications");
  });

  test("signed out the page asks to sign in and shows no bell; without the support permission it says so and asks nothing", async ({ page }) => {
    let ticketCalls = 0;
    page.on("request", (r) => void (/\/api\/v1\/(tickets|support)/.test(r.url()) && ticketCalls++));
    await page.goto("/support.html");
    await expect(page.locator("cab-tickets").getByText("Sign in to see your support requests.")).toBeVisible();
    await expect(page.locator("cab-ticket").getByText("Sign in to see your support requests.")).toBeVisible();
    await expect(page.locator("cab-notification-preferences").getByText("Sign in to choose your notifications.")).toBeVisible();
    await expect(bell(page)).toHaveCount(0);

    await signUpClient(page);
    // A member with only the services permission: the ticket widgets know it from the session.
    await asMemberWith(page, ["services"]);
    await page.goto("/support.html?ticket=tkt_00000000000000000000000000");
    for (const tag of ["cab-tickets", "cab-ticket"]) {
      await expect(page.locator(tag).getByText(/^You do not have access to support requests\./)).toBeVisible();
      await expect(page.locator(tag).getByRole("alert")).toHaveCount(0);
    }
    // Notifications are every user's own: the bell is there, and Escape closes its dropdown.
    await bell(page).click();
    await expect(page.locator("header cab-notifications").getByText("No notifications yet.")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.locator("header cab-notifications").getByText("No notifications yet.")).toBeHidden();
    await expect(bell(page)).toBeFocused();
    expect(ticketCalls).toBe(0);
  });

  test("notification settings are saved", async ({ page }) => {
    await signUpClient(page);
    await page.goto("/support.html#notification-settings");
    const preferences = page.locator("cab-notification-preferences");
    const box = preferences.getByRole("checkbox", { name: "Reply from support: In-app" });
    await expect(box).toBeChecked();
    await box.uncheck();
    await preferences.getByRole("button", { name: "Save" }).click();
    await expect(preferences.getByText("Your notification settings were saved.")).toBeVisible();
    await page.reload();
    await expect(preferences.getByRole("checkbox", { name: "Reply from support: In-app" })).not.toBeChecked();
  });

  test("the support page has no serious accessibility problems, signed out and with a request and the bell open", async ({ page, request }) => {
    await page.goto("/support.html");
    await expect(page.locator("cab-tickets").getByText("Sign in to see your support requests.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await signUpClient(page);
    await page.goto("/support.html");
    const ticketId = await openRequest(page, "Accessibility check", "A question with a file.", {
      name: "a.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("a\n"),
    });
    await staffReply(request, ticketId, "An answer.");
    await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread", { timeout: 15_000 });
    await page.locator("cab-tickets").getByRole("button", { name: "New request" }).click();
    await bell(page).click();
    await expect(page.locator("header cab-notifications").getByRole("link", { name: "Reply from support" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
