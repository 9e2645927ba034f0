import type { Page } from "@playwright/test";
import { expect, seriousViolations, signIn, signUpClient, test, topUpByApi } from "./fixtures.js";

// The Services page of the host example: <cab-order>, <cab-services> and <cab-service>. Tests that
// change something sign up their own client; Alice's seeded services are only read.

/** $12.34 from minor units, as the widgets write US dollars in English. */
const usd = (minor: number) => new Intl.NumberFormat("en", { style: "currency", currency: "USD" }).format(minor / 100);

/** The Services page, signed in (a cookie from signUpClient), with the order form ready. */
async function openServicesPage(page: Page, path = "/services.html") {
  await page.goto(path);
  await expect(page.locator("cab-order").getByRole("button", { name: /^Order for / })).toBeVisible();
}

/**
 * Once more if the server closed an idle keep-alive connection just as the request reused it
 * (ECONNRESET: Node's keep-alive timeout racing the test's next request on a busy machine).
 */
async function onceMoreOnReset<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!/ECONNRESET/.test(String(error))) throw error;
    return call();
  }
}

/** The server's own quote for a choice, to compare the widget's figures with (`csrfToken` when signed in with the cookie). */
async function serverQuote(page: Page, code: string, periodMonths: number, parameters: Record<string, unknown>, csrfToken?: string) {
  const catalog = await (await onceMoreOnReset(() => page.request.get("/api/v1/catalog"))).json();
  const product = catalog.items.find((p: { code: string }) => p.code === code);
  const answer = await onceMoreOnReset(() =>
    page.request.post("/api/v1/catalog/quote", {
      headers: csrfToken ? { "X-CSRF-Token": csrfToken } : {},
      data: { productId: product.id, periodMonths, parameters },
    }),
  );
  expect(answer.status(), await answer.text()).toBe(200);
  return answer.json();
}

test.describe("services", () => {
  test("a client orders a VPS paid from the balance, changes its parameters with the preview, renews it and cancels it", async ({ page }) => {
    test.setTimeout(120_000);
    const client = await signUpClient(page);
    await topUpByApi(page, client.csrfToken, 20_000);
    await page.addInitScript(() => {
      document.addEventListener("cab-service-ordered", (e) => {
        const { order } = (e as CustomEvent).detail;
        sessionStorage.setItem("ordered", JSON.stringify({ status: order.status, bubbles: e.bubbles, composed: e.composed }));
      });
    });
    await openServicesPage(page);

    const order = page.locator("cab-order");
    await order.getByRole("radio", { name: /Cloud VPS/ }).check();
    await order.getByLabel("Billing period").selectOption("1");
    await order.getByRole("spinbutton", { name: "CPU cores" }).fill("4");
    await order.getByLabel("OS image").selectOption("ubuntu-24.04");
    await order.getByRole("checkbox", { name: /Daily backups/ }).check();
    await order.getByLabel("Label (optional)").fill("app-01");

    // The live price is the server's quote for exactly this choice, line by line.
    const quote = await serverQuote(page, "vps", 1, { cpu: 4, ram: 4, disk: 80, os: "ubuntu-24.04", backups: true }, client.csrfToken);
    const submit = order.getByRole("button", { name: `Order for ${usd(quote.total.amount)}` });
    await expect(submit).toBeEnabled();
    const price = order.locator("[part~='price']");
    for (const line of quote.lines) await expect(price).toContainText(line.description);
    await expect(order.locator("[part~='total']")).toContainText(usd(quote.total.amount));

    // A double click orders once: both requests carry the same Idempotency-Key.
    const keys: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/orders") && r.method() === "POST") keys.push(r.headers()["idempotency-key"]);
    });
    await submit.dblclick();
    await expect(order.getByText(`Ordered and paid from your balance: ${usd(quote.total.amount)}.`)).toBeVisible();
    expect(new Set(keys).size).toBe(1);
    const services = (await (await page.request.get("/api/v1/services")).json()).items;
    expect(services).toHaveLength(1);
    expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem("ordered")))!)).toEqual({ status: "paid", bubbles: true, composed: true });

    // The page shows the new service; the demo's provisioner sets it up in the background.
    const service = page.locator("cab-service");
    await expect(service.getByRole("heading", { name: "app-01" })).toBeVisible();
    await expect(service.locator("[part~='badge']")).toHaveText("Active", { timeout: 20_000 });
    await expect(page.locator("cab-services").getByRole("listitem").filter({ hasText: "app-01" })).toBeVisible();
    const id = services[0].id as string;
    expect(new URL(page.url()).searchParams.get("service")).toBe(id);

    // Change: more RAM. The preview is the server's, before anything changes.
    await service.getByRole("spinbutton", { name: "RAM" }).fill("8");
    const previewAnswer = await page.request.post(`/api/v1/services/${id}/change/preview`, {
      headers: { "X-CSRF-Token": client.csrfToken },
      data: { parameters: { cpu: 4, ram: 8, disk: 80, os: "ubuntu-24.04", backups: true } },
    });
    const preview = await previewAnswer.json();
    expect(preview).toMatchObject({ kind: "upgrade", appliesAt: "now" });
    const previewBox = service.locator("[part~='preview']");
    await expect(previewBox).toContainText("Upgrade");
    await expect(previewBox).toContainText("Applies now.");
    await expect(previewBox).toContainText(preview.amountDue.amount > 0 ? `Due now: ${usd(preview.amountDue.amount)}` : "Nothing to pay now.");
    await expect(previewBox).toContainText(`New price: ${usd(preview.newPricePerPeriod.amount)} / month`);
    await service.getByRole("button", { name: "Confirm the change" }).click();
    await expect(service.getByText("The parameters are changed.")).toBeVisible();
    await expect(service.locator("[part~='parameters']")).toContainText("8 GB");
    await expect(service.locator("[part~='facts']")).toContainText(`${usd(preview.newPricePerPeriod.amount)} / month`);

    // Renew for three periods from the balance.
    const paidUntilBefore = (await (await page.request.get(`/api/v1/services/${id}`)).json()).paidUntil as string;
    await service.getByLabel("Renew for").selectOption("3");
    await service.getByRole("button", { name: "Renew", exact: true }).click();
    await expect(service.getByText(/^Renewed and paid from your balance\. Paid until /)).toBeVisible();
    const renewed = await (await page.request.get(`/api/v1/services/${id}`)).json();
    expect(Date.parse(renewed.paidUntil)).toBeGreaterThan(Date.parse(paidUntilBefore) + 80 * 86_400_000);

    // Cancel at the end of the paid period: asked twice, then renewing is disabled, with why.
    await service.getByRole("button", { name: "Cancel the service" }).click();
    await service.getByRole("button", { name: "Yes, cancel it" }).click();
    await expect(service.getByText("The service will be cancelled at the end of its paid period.")).toBeVisible();
    await expect(service.getByText(/^Cancels at the end of the paid period, on /)).toBeVisible();
    const renew = service.getByRole("button", { name: "Renew", exact: true });
    await expect(renew).toBeDisabled();
    await expect(renew).toHaveAccessibleDescription("The service is already set to cancel at the end of its period.");

    // The history tells the story.
    const history = service.locator("[part~='history']");
    for (const what of ["Ordered", "Parameters changed", "Renewed", "Set to cancel at period end"]) await expect(history).toContainText(what);
    expect(await seriousViolations(page)).toEqual([]);

    // Cancel now: what comes back is said before the click (the server's preview), and credited.
    await service.getByRole("radio", { name: /^Now/ }).check();
    const cancelPreview = await (await page.request.get(`/api/v1/services/${id}/cancel/preview`)).json();
    expect(cancelPreview).toMatchObject({ kind: "cancel", refundRule: "prorated" });
    expect(cancelPreview.refund.amount).toBeGreaterThan(0);
    const balanceBefore = (await (await page.request.get("/api/v1/balance")).json()).balance.amount as number;
    await expect(service.locator("[part~='refund']")).toHaveText(
      `You get ${usd(cancelPreview.refund.amount)} back to your balance for the ${cancelPreview.remainingDays} paid days not used yet.`,
    );
    await service.getByRole("button", { name: "Cancel the service" }).click();
    await service.getByRole("button", { name: "Yes, cancel it" }).click();
    await expect(service.locator("[part~='badge']")).toHaveText("Cancelled");
    await expect(service.getByText(`The service is cancelled. ${usd(cancelPreview.refund.amount)} went back to your balance.`)).toBeVisible();
    expect((await (await page.request.get("/api/v1/balance")).json()).balance.amount).toBe(balanceBefore + cancelPreview.refund.amount);
    // Cancelled: deleting is what is left, and no form says "Not possible while…".
    await expect(service.getByRole("button", { name: "Renew", exact: true })).toHaveCount(0);
    await service.getByRole("button", { name: "Delete the service" }).click();
    await service.getByRole("button", { name: "Yes, delete it" }).click();
    await expect(service.getByText("The service is deleted.")).toBeVisible();
    await expect(page.locator("cab-services").getByText("You have no services yet.")).toBeVisible();
    // Deleted: one clear state, not every form disabled with the same reason five times.
    await expect(service.locator("[part~='state-deleted']")).toContainText("This service is deleted");
    await expect(service.locator("form, button:not([part~='load-more']), select, input")).toHaveCount(0);
    await expect(service.getByText(/Not possible while/)).toHaveCount(0);
  });

  test("an order the balance does not cover shows its invoice and can be withdrawn: the invoice voided, nothing charged", async ({ page }) => {
    test.setTimeout(90_000);
    const client = await signUpClient(page);
    await openServicesPage(page);
    const order = page.locator("cab-order");
    await order.getByRole("radio", { name: /Domain/ }).check();
    const quote = await serverQuote(page, "domain", 12, {}, client.csrfToken);
    await order.getByLabel("Label (optional)").fill("nora.example");
    await order.getByRole("button", { name: `Order for ${usd(quote.total.amount)}` }).click();
    await expect(order.getByText(`Your order is placed. It starts once its invoice for ${usd(quote.total.amount)} is paid.`)).toBeVisible();
    await expect(order.getByText("nora.example — Awaiting payment.")).toBeVisible();

    const service = page.locator("cab-service");
    await expect(service.getByRole("heading", { name: "nora.example" })).toBeVisible();
    // Awaiting payment: the service offers its invoice and its withdrawal, not a wall of disabled forms.
    const awaiting = service.locator("[part~='action-withdraw']");
    await expect(awaiting).toContainText("This order starts once its invoice is paid.");
    const invoiceId = (await (await page.request.get("/api/v1/services")).json()).items[0].invoiceId as string;
    expect(invoiceId).toMatch(/^inv_/);
    await expect(awaiting.getByRole("link", { name: "Pay the invoice" })).toHaveAttribute("href", "/billing.html#invoices");
    await expect(service.getByText(/Not possible while/)).toHaveCount(0);
    for (const name of ["Renew", "Cancel the service", "Delete the service"]) await expect(service.getByRole("button", { name, exact: true })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    // "Pay the invoice" leads to the billing page, where it is open.
    await order.getByRole("link", { name: "Pay the invoice" }).click();
    await page.waitForURL((url) => url.pathname === "/billing.html" && url.hash === "#invoices");
    const invoice = page.locator("cab-invoices").getByRole("listitem").filter({ hasText: "nora.example" });
    await expect(invoice).toContainText("Open", { timeout: 20_000 });
    await expect(invoice).toContainText(usd(quote.total.amount));

    // Withdrawn from the service page: asked first, then the order goes and its invoice is voided.
    await page.goBack();
    await expect(service.getByRole("heading", { name: "nora.example" })).toBeVisible();
    await service.getByRole("button", { name: "Withdraw the order" }).click();
    await expect(service.getByText("Withdraw this order? Its invoice is cancelled; nothing is charged.")).toBeVisible();
    await service.getByRole("button", { name: "Yes, withdraw it" }).click();
    await expect(service.getByText("The order is withdrawn and its invoice cancelled. Nothing was charged.")).toBeVisible();
    await expect(service.locator("[part~='badge']")).toHaveText("Cancelled");
    expect((await (await page.request.get(`/api/v1/invoices/${invoiceId}`)).json()).status).toBe("void");
    expect((await (await page.request.get("/api/v1/balance")).json()).balance.amount).toBe(0);
    await expect(service.getByRole("button", { name: "Delete the service" })).toBeEnabled();
  });

  test("an upgrade the balance does not cover issues an invoice, and applies once it is paid", async ({ page }) => {
    test.setTimeout(120_000);
    const client = await signUpClient(page);
    const quote = await serverQuote(page, "vps", 1, {}, client.csrfToken);
    await topUpByApi(page, client.csrfToken, quote.total.amount); // the order exactly: nothing left for an upgrade
    await openServicesPage(page);
    const order = page.locator("cab-order");
    await order.getByRole("radio", { name: /Cloud VPS/ }).check();
    await order.getByLabel("Billing period").selectOption("1");
    await order.getByLabel("Label (optional)").fill("tight-01");
    await order.getByRole("button", { name: `Order for ${usd(quote.total.amount)}` }).click();
    const service = page.locator("cab-service");
    await expect(service.locator("[part~='badge']")).toHaveText("Active", { timeout: 20_000 });

    await service.getByRole("spinbutton", { name: "CPU cores" }).fill("3");
    await expect(service.locator("[part~='preview']")).toContainText(/For the \d+ days already paid for, until /);
    await service.getByRole("button", { name: "Confirm the change" }).click();
    await expect(
      service.getByText("Your balance does not cover the upgrade, so an invoice was issued for it. The upgrade applies once the invoice is paid."),
    ).toBeVisible();
    await expect(service.locator("[part~='outcome']").getByRole("link", { name: "Pay the invoice" })).toBeVisible();
    const waiting = (await (await page.request.get("/api/v1/services")).json()).items[0];
    expect(waiting.parameters.cpu).toBe(2);
    const invoice = await (await page.request.get(`/api/v1/invoices/${waiting.invoiceId}`)).json();
    expect(invoice).toMatchObject({ purpose: "change", status: "issued" });

    // Paid (money arrives, the invoice is paid from the balance): the upgrade applies.
    await topUpByApi(page, client.csrfToken, Math.max(invoice.total.amount, 500));
    const paid = await page.request.post(`/api/v1/invoices/${invoice.id}/pay-from-balance`, { headers: { "X-CSRF-Token": client.csrfToken } });
    expect(paid.status(), await paid.text()).toBe(200);
    await page.reload();
    await expect(service.locator("[part~='parameters']")).toContainText("3 cores", { timeout: 20_000 });
    await expect(service.locator("[part~='history']")).toContainText("Upgrade invoiced");
  });

  test("a renewal the balance does not cover issues an invoice to pay", async ({ page }) => {
    test.setTimeout(90_000);
    const client = await signUpClient(page);
    const quote = await serverQuote(page, "domain", 12, {}, client.csrfToken);
    await topUpByApi(page, client.csrfToken, quote.total.amount + 500); // the order, and not a second year
    await openServicesPage(page);
    const order = page.locator("cab-order");
    await order.getByRole("radio", { name: /Domain/ }).check();
    await order.getByLabel("Label (optional)").fill("short.example");
    await order.getByRole("button", { name: `Order for ${usd(quote.total.amount)}` }).click();
    await expect(order.getByText(`Ordered and paid from your balance: ${usd(quote.total.amount)}.`)).toBeVisible();

    const service = page.locator("cab-service");
    await expect(service.locator("[part~='badge']")).toHaveText("Active", { timeout: 20_000 });
    await service.getByRole("button", { name: "Renew", exact: true }).click();
    await expect(service.getByText("An invoice was issued for the renewal; the service is extended once it is paid.")).toBeVisible();
    await service.getByRole("link", { name: "Pay the invoice" }).click();
    await page.waitForURL((url) => url.pathname === "/billing.html");
    await expect(page.locator("cab-invoices").getByRole("listitem").filter({ hasText: "short.example" }).filter({ hasText: "Open" })).toBeVisible({
      timeout: 20_000,
    });
  });

  test("the list filters by type and by a search, and opens a service in the page", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/services.html");
    await signIn(page);
    const list = page.locator("cab-services");
    const items = list.getByRole("listitem");
    await expect(items).toHaveCount(5);

    await list.getByLabel("Type").selectOption("domain");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText("alice-old.org");
    await list.getByLabel("Type").selectOption("");
    await list.getByLabel("Search").fill("WEB");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText("web-01");
    await list.getByLabel("Search").fill("no such service");
    await expect(list.getByText("No services match these filters.")).toBeVisible();
    await list.getByLabel("Search").fill("");
    await expect(items).toHaveCount(5);

    // Opening one: the page shows it in <cab-service>, without a page load, and the address says which.
    await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
    await list.getByRole("link", { name: "web-01" }).click();
    const service = page.locator("cab-service");
    await expect(service.getByRole("heading", { name: "web-01" })).toBeVisible();
    await expect(service.locator("[part~='badge']")).toHaveText("Active");
    await expect(service.locator("[part~='facts']")).toContainText("$18.00 / month");
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    expect(new URL(page.url()).searchParams.get("service")).toMatch(/^svc_/);
    // An active service cannot be deleted before it is cancelled: deleting is not offered, and no form says "Not possible while…".
    await expect(service.getByRole("button", { name: "Cancel the service" })).toBeEnabled();
    await expect(service.getByRole("button", { name: "Delete the service" })).toHaveCount(0);
    await expect(service.getByText(/Not possible while/)).toHaveCount(0);

    // The address alone opens it too (a link from another page, a reload).
    await page.reload();
    await expect(page.locator("cab-service").getByRole("heading", { name: "web-01" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator("cab-login").getByRole("button", { name: "Sign out" }).click();
    await expect(page.locator("cab-service").getByText("Sign in to see this service.")).toBeVisible();
    await expect(page.locator("cab-services").getByRole("listitem")).toHaveCount(0);
  });

  test("a signed-out visitor sees the catalog and its live price, and a value off the range is refused before ordering", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/services.html");
    const order = page.locator("cab-order");
    await expect(order.getByText("Sign in to order.")).toBeVisible();
    await order.getByRole("radio", { name: /Cloud VPS/ }).check();
    const quote = await serverQuote(page, "vps", 1, {});
    await expect(order.locator("[part~='total']")).toContainText(usd(quote.total.amount));
    await expect(order.getByRole("button", { name: /^Order/ })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    const client = await signUpClient(page);
    await openServicesPage(page);
    await order.getByRole("radio", { name: /Cloud VPS/ }).check();
    const cpu = order.getByRole("spinbutton", { name: "CPU cores" });
    await cpu.fill("40");
    await expect(order.getByText("CPU cores: choose from 1 to 16, in steps of 1.")).toBeVisible();
    await expect(cpu).toHaveAttribute("aria-invalid", "true");
    await expect(order.getByRole("button", { name: /^Order/ })).toBeDisabled();
    // Disk goes in steps of 10.
    await cpu.fill("2");
    await order.getByRole("spinbutton", { name: "Disk" }).fill("85");
    await expect(order.getByText("Disk: choose from 20 to 2,000, in steps of 10.")).toBeVisible();
    await order.getByRole("spinbutton", { name: "Disk" }).fill("90");
    const fixed = await serverQuote(page, "vps", 1, { cpu: 2, disk: 90 }, client.csrfToken);
    await expect(order.getByRole("button", { name: `Order for ${usd(fixed.total.amount)}` })).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the services widgets speak Russian with <cab-config locale="ru">', async ({ page }) => {
    await signUpClient(page);
    await openServicesPage(page);
    await page.locator("cab-config").evaluate((config) => config.setAttribute("locale", "ru"));
    const order = page.locator("cab-order");
    await expect(order.getByLabel("Срок оплаты")).toBeVisible();
    await order.getByRole("radio", { name: /Cloud VPS/ }).check();
    await expect(order.getByText("Конфигурация")).toBeVisible();
    await expect(order.getByText("К оплате сейчас")).toBeVisible();
    await expect(order.getByRole("button", { name: /^Заказать за / })).toBeEnabled();
    await expect(page.locator("cab-services").getByLabel("Поиск")).toBeVisible();
    await expect(page.locator("cab-service").getByText("Услуга не выбрана.")).toBeVisible();
  });
});
