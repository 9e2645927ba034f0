import { alice, expect, openHostPage, signIn, test } from "./fixtures.js";

test('the widgets speak Russian when <cab-config locale="ru">', async ({ page }) => {
  await openHostPage(page);
  await page.locator("cab-config").evaluate((el) => el.setAttribute("locale", "ru"));

  const login = page.locator("cab-login");
  const services = page.locator("cab-services");
  await expect(services.getByText("Войдите, чтобы увидеть свои услуги.")).toBeVisible();
  await expect(login.getByLabel("Электронная почта")).toBeVisible();

  await signIn(page, alice.email, "wrong-password", { email: "Электронная почта", password: "Пароль", submit: "Войти" });
  await expect(login.getByRole("alert")).toHaveText("Неверный адрес электронной почты или пароль.");

  await signIn(page, alice.email, alice.password, { email: "Электронная почта", password: "Пароль", submit: "Войти" });
  await expect(login.getByText(`Вы вошли как ${alice.name}`)).toBeVisible();
  await expect(login.getByRole("button", { name: "Выйти" })).toBeVisible();

  const web01 = services.getByRole("listitem").filter({ hasText: "web-01" });
  await expect(web01).toContainText("Активна");
  await expect(web01).toContainText(/18,00\s\$ \/ мес\./); // Russian number format, still dollars
  await expect(web01).toContainText("Оплачено до");
  await expect(services.getByText("Показано 5 услуг")).toBeVisible();
  await expect(services.getByLabel("Статус")).toBeVisible();
  await expect(services.locator("[lang=ru]").first()).toBeAttached();

  // Back to English without a reload.
  await page.locator("cab-config").evaluate((el) => el.setAttribute("locale", "en"));
  await expect(web01).toContainText("Active");
});

test("a widget's own locale attribute overrides <cab-config>", async ({ page }) => {
  await openHostPage(page);
  await page.locator("cab-services").evaluate((el) => el.setAttribute("locale", "ru"));
  await expect(page.locator("cab-services").getByText("Войдите, чтобы увидеть свои услуги.")).toBeVisible();
  await expect(page.locator("cab-login").getByLabel("E-mail")).toBeVisible();
});
