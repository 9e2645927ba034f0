import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { signInStaff } from "../support/staff-helpers.js";

// Issue 8 item 10: products, parameters, options and support departments carry names per locale,
// set by the provider; a client reads them in their language, else in the brand's default one.

let t: TestCabinet;
let admin: { token: string };
beforeAll(async () => {
  t = await startTestCabinet();
  admin = await signInStaff(t, "admin");
});
afterAll(() => t.close());

const usd = (amount: number) => ({ USD: amount });
const product = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: "Object storage",
  names: { ru: "Объектное хранилище" },
  type: "storage",
  description: "S3-compatible buckets.",
  // no Russian description: it falls back to the default one
  parameters: [
    {
      key: "size",
      kind: "integer",
      label: "Size",
      labels: { ru: "Объём" },
      unit: "TB",
      units: { ru: "ТБ" },
      min: 1,
      max: 10,
      step: 1,
      default: 1,
      unitPrice: usd(100),
    },
    {
      key: "region",
      kind: "enum",
      label: "Region",
      labels: { ru: "Регион" },
      default: "eu",
      options: [
        { value: "eu", label: "Europe", labels: { ru: "Европа" }, price: usd(0) },
        { value: "us", label: "United States", price: usd(0) },
      ],
    },
    { key: "versioning", kind: "boolean", label: "Versioning", default: false, price: usd(50) },
  ],
  prices: [{ currency: "USD", periodMonths: 1, amount: 500, setupFee: 0 }],
  ...extra,
});

async function clientIn(locale: "en" | "ru") {
  const client = await t.signUp();
  const patched = await t.request("PATCH", "/api/v1/me", { token: client.token, body: { locale } });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  return client;
}

const catalogItem = async (code: string, options: { token?: string; headers?: Record<string, string> } = {}) =>
  (await t.request("GET", "/api/v1/catalog", options)).body.items.find((p: { code: string }) => p.code === code);

describe("per-locale names of products", () => {
  it("stores them from the staff API and answers each caller in their language, falling back to the default", async () => {
    const created = await t.request("POST", "/api/v1/staff/products", { token: admin.token, body: product("storage") });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: "Object storage", names: { ru: "Объектное хранилище" }, descriptions: {} });
    expect(created.body.parameters[0]).toMatchObject({ labels: { ru: "Объём" }, units: { ru: "ТБ" } });

    const ru = await clientIn("ru");
    const inRussian = await catalogItem("storage", { token: ru.token });
    expect(inRussian).toMatchObject({ name: "Объектное хранилище", description: "S3-compatible buckets." });
    expect(inRussian.parameters[0]).toMatchObject({ label: "Объём", unit: "ТБ" });
    expect(inRussian.parameters[0]).not.toHaveProperty("labels");
    expect(inRussian.parameters[1].label).toBe("Регион");
    expect(inRussian.parameters[1].options.map((o: { label: string }) => o.label)).toEqual(["Европа", "United States"]);
    expect(inRussian.parameters[2].label).toBe("Versioning");

    const en = await clientIn("en");
    const inEnglish = await catalogItem("storage", { token: en.token });
    expect(inEnglish).toMatchObject({ name: "Object storage" });
    expect(inEnglish.parameters[0]).toMatchObject({ label: "Size", unit: "TB" });
    expect(inEnglish.parameters[1].options.map((o: { label: string }) => o.label)).toEqual(["Europe", "United States"]);
  });

  it("answers a signed-out visitor in the request's language among the brand's, else in the default", async () => {
    expect((await catalogItem("vps", { headers: { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" } })).name).toBe("Облачный VPS");
    expect((await catalogItem("vps", { headers: { "accept-language": "de-DE,de;q=0.9" } })).name).toBe("Cloud VPS");
    expect((await catalogItem("vps", { headers: { "accept-language": "fr;q=0.9, ru;q=0.5" } })).name).toBe("Облачный VPS");
    expect((await catalogItem("vps")).name).toBe("Cloud VPS");
  });

  it("follows the signed-in user's stored language over the request's", async () => {
    const en = await clientIn("en");
    expect((await catalogItem("vps", { token: en.token, headers: { "accept-language": "ru" } })).name).toBe("Cloud VPS");
  });

  it("names the product and its choices in a quote's lines, and a service's product in the client's language", async () => {
    const ru = await clientIn("ru");
    const vps = await catalogItem("vps", { token: ru.token });
    const quote = await t.request("POST", "/api/v1/catalog/quote", {
      token: ru.token,
      body: { productId: vps.id, periodMonths: 3, parameters: { cpu: 4, backups: true } },
    });
    expect(quote.status).toBe(200);
    expect(quote.body.lines.map((l: { description: string }) => l.description)).toEqual([
      "Облачный VPS, 3 месяца",
      "Ядра CPU: 4 ядер",
      "Оперативная память: 4 ГБ",
      "Диск: 80 ГБ",
      "Ежедневные резервные копии",
    ]);

    const alice = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "alice@example.com", password: "northwind-demo", mode: "bearer" } })).body
      .token;
    const names = async () =>
      (await t.request("GET", "/api/v1/services?limit=100", { token: alice })).body.items.map((s: { product: { name: string } }) => s.product.name);
    expect(await names()).toContain("Cloud VPS");
    await t.request("PATCH", "/api/v1/me", { token: alice, body: { locale: "ru" } });
    const inRussian = await names();
    expect(inRussian).toContain("Облачный VPS");
    expect(inRussian).not.toContain("Cloud VPS");
    const one = (await t.request("GET", "/api/v1/services?limit=1", { token: alice })).body.items[0];
    expect((await t.request("GET", `/api/v1/services/${one.id}`, { token: alice })).body.product.name).toBe(one.product.name);
    await t.request("PATCH", "/api/v1/me", { token: alice, body: { locale: "en" } });
  });

  it("updates and drops names; a locale the brand does not offer is 400 and changes nothing", async () => {
    const created = (await t.request("POST", "/api/v1/staff/products", { token: admin.token, body: product("storage-2") })).body;
    const ru = await clientIn("ru");

    const renamed = await t.request("PATCH", `/api/v1/staff/products/${created.id}`, {
      token: admin.token,
      body: { names: { ru: "Хранилище S3" }, descriptions: { ru: "Бакеты, совместимые с S3." } },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(await catalogItem("storage-2", { token: ru.token })).toMatchObject({ name: "Хранилище S3", description: "Бакеты, совместимые с S3." });

    const before = (await t.request("GET", "/api/v1/staff/products", { token: admin.token })).body.items.find((p: { id: string }) => p.id === created.id);
    for (const body of [
      { name: "Changed", names: { de: "Objektspeicher" } },
      { descriptions: { ru: "ok", fr: "non" } },
      {
        status: "hidden",
        parameters: [{ ...product("x").parameters[1], options: [{ value: "eu", label: "Europe", labels: { uk: "Європа" }, price: usd(0) }] }],
      },
      { names: { RU: "bad key" } },
      { names: { ru: "" } },
    ]) {
      const refused = await t.request("PATCH", `/api/v1/staff/products/${created.id}`, { token: admin.token, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe("CAB_ERR_VALIDATION");
    }
    const refused = await t.request("PATCH", `/api/v1/staff/products/${created.id}`, { token: admin.token, body: { names: { de: "x" } } });
    expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: "/names/de" })]);
    const after = (await t.request("GET", "/api/v1/staff/products", { token: admin.token })).body.items.find((p: { id: string }) => p.id === created.id);
    expect(after).toEqual(before);

    const dropped = await t.request("PATCH", `/api/v1/staff/products/${created.id}`, { token: admin.token, body: { names: {} } });
    expect(dropped.body.names).toEqual({});
    expect((await catalogItem("storage-2", { token: ru.token })).name).toBe("Object storage");
  });

  it("refuses a new product with a text in a locale the brand does not offer, and writes none of it", async () => {
    const refused = await t.request("POST", "/api/v1/staff/products", {
      token: admin.token,
      body: product("storage-de", { parameters: [{ ...product("x").parameters[0], units: { de: "TB" } }] }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: "/parameters/0/units/de" })]);
    const items = (await t.request("GET", "/api/v1/staff/products", { token: admin.token })).body.items;
    expect(items.map((p: { code: string }) => p.code)).not.toContain("storage-de");
  });

  it("checks the locales against the staff member's own brand", async () => {
    await addBrand(t, "english-only"); // offers only its default locale, en
    const stranger = await signInStaff(t, "admin", "english-only");
    const refused = await t.request("POST", "/api/v1/staff/products", { token: stranger.token, body: product("storage") });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors.map((e: { path: string }) => e.path)).toEqual([
      "/names/ru",
      "/parameters/0/labels/ru",
      "/parameters/0/units/ru",
      "/parameters/1/labels/ru",
      "/parameters/1/options/0/labels/ru",
    ]);
    expect((await t.request("GET", "/api/v1/staff/products", { token: stranger.token })).body.items).toEqual([]);
  });
});

describe("per-locale names of support departments", () => {
  it("are set by staff and read by each client in their language, in the list and on tickets", async () => {
    const departments = await t.request("GET", "/api/v1/staff/support/departments", { token: admin.token });
    expect(departments.status).toBe(200);
    const technical = departments.body.items.find((d: { code: string }) => d.code === "technical");
    expect(technical).toMatchObject({ name: "Technical support", names: { ru: "Техническая поддержка" } });

    const ru = await clientIn("ru");
    const en = await clientIn("en");
    const listed = async (token: string) => (await t.request("GET", "/api/v1/support/departments", { token })).body.items.map((d: { name: string }) => d.name);
    expect(await listed(ru.token)).toEqual(["Техническая поддержка", "Бухгалтерия", "Отдел продаж"]);
    expect(await listed(en.token)).toEqual(["Technical support", "Billing", "Sales"]);

    const renamed = await t.request("PATCH", `/api/v1/staff/support/departments/${technical.id}`, {
      token: admin.token,
      body: { name: "Tech support", names: { ru: "Техподдержка" } },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toEqual({ id: technical.id, code: "technical", name: "Tech support", names: { ru: "Техподдержка" } });

    const opened = await t.request("POST", "/api/v1/tickets", {
      token: ru.token,
      body: { subject: "Медленно", departmentId: technical.id, priority: "normal", body: "Сайт тормозит." },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.department).toEqual({ id: technical.id, name: "Техподдержка" });
    expect((await t.request("GET", "/api/v1/tickets", { token: ru.token })).body.items[0].department.name).toBe("Техподдержка");
    expect((await t.request("GET", `/api/v1/tickets/${opened.body.id}`, { token: ru.token })).body.department.name).toBe("Техподдержка");
    const staffView = await t.request("GET", `/api/v1/staff/tickets/${opened.body.id}`, { token: admin.token });
    expect(staffView.body.department.name).toBe("Tech support");
  });

  it("refuses a locale the brand does not offer (nothing changes) and another brand's department", async () => {
    const technical = (await t.request("GET", "/api/v1/staff/support/departments", { token: admin.token })).body.items.find(
      (d: { code: string }) => d.code === "technical",
    );
    const refused = await t.request("PATCH", `/api/v1/staff/support/departments/${technical.id}`, {
      token: admin.token,
      body: { name: "Changed", names: { de: "Technik" } },
    });
    expect(refused.status).toBe(400);
    const after = (await t.request("GET", "/api/v1/staff/support/departments", { token: admin.token })).body.items.find(
      (d: { code: string }) => d.code === "technical",
    );
    expect(after).toEqual(technical);
    expect((await t.request("PATCH", `/api/v1/staff/support/departments/${technical.id}`, { token: admin.token, body: { unknown: 1 } })).status).toBe(400);

    await addBrand(t, "other-support");
    const stranger = await signInStaff(t, "admin", "other-support");
    expect((await t.request("PATCH", `/api/v1/staff/support/departments/${technical.id}`, { token: stranger.token, body: { name: "Mine" } })).status).toBe(404);
    const finance = await signInStaff(t, "finance");
    expect((await t.request("PATCH", `/api/v1/staff/support/departments/${technical.id}`, { token: finance.token, body: { name: "Mine" } })).status).toBe(403);
  });
});
