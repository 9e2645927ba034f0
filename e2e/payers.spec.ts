import { expect, seriousViolations, signUpClient, test } from "./fixtures.js";

test.describe("payers", () => {
  test("a new client completes the payer made from their profile, adds a company, makes it the default, and is told why the default cannot go", async ({
    page,
  }) => {
    await signUpClient(page, "Nora Payer");
    await page.goto("/settings.html#payers");
    const payers = page.locator("cab-payers");
    const items = payers.getByRole("listitem");
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText("Nora Payer");
    await expect(items.first()).toContainText("Default");
    await expect(items.first()).toContainText("Add the address and country");

    // Complete the profile's payer.
    await items.first().getByRole("button", { name: "Edit" }).click();
    const form = payers.getByRole("form");
    await form.getByLabel("Type").selectOption("individual");
    await form.getByLabel("Address").fill("Prinsengracht 2, 1015 DV Amsterdam");
    await form.getByLabel("Country").fill("nl");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(payers.getByRole("status").filter({ hasText: "saved" })).toContainText("“Nora Payer” saved.");
    await expect(items.first()).toContainText("Prinsengracht 2, 1015 DV Amsterdam, Netherlands");

    // A company with a malformed VAT number is refused in words; corrected, it is added.
    await payers.getByRole("button", { name: "Add a payer" }).click();
    await form.getByLabel("Name").fill("Beispiel GmbH");
    await form.getByLabel("Address").fill("Friedrichstraße 10, 10117 Berlin");
    await form.getByLabel("Country").fill("DE");
    await form.getByLabel(/^VAT number/).fill("DE12345");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(payers.getByRole("alert")).toContainText("does not have the format");
    await expect(items).toHaveCount(1);
    await form.getByLabel(/^VAT number/).fill("DE 123 456 789");
    await form.getByLabel("Make this the default payer").check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(items).toHaveCount(2);
    const company = items.filter({ hasText: "Beispiel GmbH" });
    await expect(company).toContainText("Default");
    await expect(company).toContainText("DE123456789");
    await expect(company).toContainText("Germany");
    await payers.screenshot({ path: "test-results/payers-desktop.png" });

    // The default has no Delete; the other one asks before deleting.
    await expect(company.getByRole("button", { name: "Delete" })).toHaveCount(0);
    const person = items.filter({ hasText: "Nora Payer" });
    await person.getByRole("button", { name: "Delete" }).click();
    await expect(person).toContainText("Invoices already made out to it keep its details.");
    expect(await seriousViolations(page)).toEqual([]);
    await person.getByRole("button", { name: "Delete" }).click();
    await expect(items).toHaveCount(1);
    await expect(payers.getByRole("status").filter({ hasText: "deleted" })).toContainText("“Nora Payer” deleted.");
  });

  test("fits a phone: no sideways scrolling at 390 px", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signUpClient(page, "Nora Phone");
    await page.goto("/settings.html#payers");
    const payers = page.locator("cab-payers");
    await payers.getByRole("button", { name: "Add a payer" }).click();
    await expect(payers.getByRole("form")).toBeVisible();
    // Every box of the widget stays inside the screen's width.
    const widest = await payers.evaluate((host) =>
      Math.max(host.getBoundingClientRect().right, ...[...host.shadowRoot!.querySelectorAll("*")].map((e) => e.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(390);
    await payers.screenshot({ path: "test-results/payers-390.png" });
  });

  test("an order asks who its invoice is made out to once there are two payers, and the invoice carries that payer", async ({ page }) => {
    const client = await signUpClient(page, "Nora Orders");
    const headers = { "X-CSRF-Token": client.csrfToken };
    const company = await page.request.post("/api/v1/payers", {
      headers,
      data: { kind: "company", name: "Voorbeeld B.V.", address: "Damrak 1, 1012 LG Amsterdam", country: "NL", vatNumber: "NL987654321B01" },
    });
    expect(company.status(), await company.text()).toBe(201);
    expect((await company.json()).isDefault).toBe(true); // the account's first payer
    const second = await page.request.post("/api/v1/payers", {
      headers,
      data: { kind: "individual", name: "Nora Orders", address: "Prinsengracht 2, 1015 DV Amsterdam", country: "NL" },
    });
    const payer = await second.json();
    // Two payers: the form asks, the default chosen at first.
    await page.goto("/services.html");
    const order = page.locator("cab-order");
    const submit = order.getByRole("button", { name: /^Order for / });
    await expect(submit).toBeVisible();
    await order.getByRole("radio", { name: /Cloud VPS/ }).check();
    await expect(order.getByLabel("Invoice to")).toHaveValue((await company.json()).id);
    await order.getByLabel("Invoice to").selectOption({ label: "Nora Orders" });
    await expect(submit).toBeEnabled();
    await submit.click();
    await expect(order.locator("[part~='outcome']")).toBeVisible();
    const invoices = (await (await page.request.get("/api/v1/invoices")).json()).items;
    expect(invoices).toHaveLength(1);
    expect(invoices[0].payer).toMatchObject({ id: payer.id, name: "Nora Orders", kind: "individual", country: "NL" });
    expect(invoices[0].taxRatePercent).toBe(21);
  });
});
