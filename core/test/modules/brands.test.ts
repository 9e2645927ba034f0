import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrandRepository } from "../../src/modules/brands/brand.repository.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { brandCommand } from "../../src/cli/brand-command.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { signInStaff } from "../support/staff-helpers.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const flags = (entries: Record<string, string>) => new Map(Object.entries(entries));
const version = async (slug: string) => (await t.cabinet.container.resolve(BrandRepository).findBySlug(slug))!.version;

describe("cabinet brand (the operator's CLI)", () => {
  it("creates a brand that the API serves at once, and lists and shows it", async () => {
    const said = await brandCommand(
      t.cabinet,
      ["create", "acme"],
      flags({
        name: "Acme Hosting",
        currency: "EUR",
        locale: "en",
        origins: "https://www.acme.test,https://my.acme.test",
        json: JSON.stringify({ vatRateBp: 2000, vatInclusive: false, theme: { tokens: { "--cab-color-primary": "#ff6600" } } }),
      }),
    );
    expect(said).toContain("created brand acme");
    const preflight = await t.request("OPTIONS", "/api/v1/auth/sign-in", {
      headers: { origin: "https://my.acme.test", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(await brandCommand(t.cabinet, ["list"], flags({}))).toMatch(/^acme\tAcme Hosting\thttps:\/\/www\.acme\.test https:\/\/my\.acme\.test$/m);
    const shown = JSON.parse(await brandCommand(t.cabinet, ["show", "acme"], flags({})));
    expect(shown).toMatchObject({
      slug: "acme",
      defaultCurrency: "EUR",
      currencies: ["EUR"],
      locales: ["en"],
      vatRateBp: 2000,
      vatInclusive: false,
      theme: { tokens: { "--cab-color-primary": "#ff6600" } },
    });
  });

  it("refuses a bad brand with a message naming the field, creating nothing", async () => {
    await expect(
      brandCommand(t.cabinet, ["create", "bad"], flags({ name: "Bad", currency: "EUR", locale: "en", origins: "https://ok.test/path" })),
    ).rejects.toThrow(/allowedOrigins\/0/);
    await expect(brandCommand(t.cabinet, ["create", "bad"], flags({ name: "Bad", currency: "EUR", locale: "en", json: '{"colour":"red"}' }))).rejects.toThrow(
      /\/colour: is not a known field/,
    );
    await expect(
      brandCommand(t.cabinet, ["create", "bad"], flags({ name: "Bad", currency: "EUR", locale: "en", json: '{"currencies":["USD"]}' })),
    ).rejects.toThrow(/defaultCurrency: must be one of currencies/);
    await expect(brandCommand(t.cabinet, ["create", "acme"], flags({ name: "Again", currency: "EUR", locale: "en" }))).rejects.toThrow(/exists/);
    expect(await t.cabinet.container.resolve(BrandRepository).findBySlug("bad")).toBeUndefined();
  });

  it("updates only the fields given", async () => {
    expect(await brandCommand(t.cabinet, ["update", "acme"], flags({ name: "Acme Cloud" }))).toMatch(/updated brand acme \(version 2\)/);
    const shown = JSON.parse(await brandCommand(t.cabinet, ["show", "acme"], flags({})));
    expect(shown).toMatchObject({ name: "Acme Cloud", vatRateBp: 2000, allowedOrigins: ["https://www.acme.test", "https://my.acme.test"] });
  });
});

describe("the staff API for a brand's own settings", () => {
  it("lets an admin read and change their own brand, and nobody else", async () => {
    const admin = await signInStaff(t, "admin");
    const finance = await signInStaff(t, "finance");
    expect((await t.request("GET", "/api/v1/staff/brand", { token: finance.token })).status).toBe(403);
    expect((await t.request("PATCH", "/api/v1/staff/brand", { token: finance.token, body: { name: "Mine now" } })).status).toBe(403);
    const read = await t.request("GET", "/api/v1/staff/brand", { token: admin.token });
    expect(read.status).toBe(200);
    expect(read.body.slug).toBe("demo");
    const changed = await t.request("PATCH", "/api/v1/staff/brand", {
      token: admin.token,
      body: { support: { email: "help@northwind.example" }, allowedOrigins: [...read.body.allowedOrigins, "https://northwind.example"] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ support: { email: "help@northwind.example" }, version: read.body.version + 1, name: read.body.name });
    // In effect at once: the new site may call the API.
    const preflight = await t.request("OPTIONS", "/api/v1/auth/sign-in", {
      headers: { origin: "https://northwind.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    // An admin of another brand changes that brand, never this one.
    const acmeAdmin = await signInStaff(t, "admin", "acme");
    const acme = await t.request("PATCH", "/api/v1/staff/brand", {
      token: acmeAdmin.token,
      body: { name: "Acme by its admin" },
      headers: { "x-cabinet-brand": "acme" },
    });
    expect(acme.body.slug).toBe("acme");
    expect((await t.request("GET", "/api/v1/staff/brand", { token: admin.token })).body.name).toBe(read.body.name);
  });

  it("refuses an unknown field, an invalid origin, a bad theme token and a currency still in use, changing nothing", async () => {
    const admin = await signInStaff(t, "admin");
    await t.signUp(); // an account holding the demo's USD
    const before = await version("demo");
    const cases: [unknown, number, string][] = [
      [{ colour: "red" }, 400, "CAB_ERR_VALIDATION"],
      [{ allowedOrigins: ["https://ok.example", "*"] }, 400, "CAB_ERR_VALIDATION"],
      [{ allowedOrigins: ["https://ok.example/"] }, 400, "CAB_ERR_VALIDATION"],
      [{ allowedOrigins: ["HTTPS://OK.EXAMPLE"] }, 400, "CAB_ERR_VALIDATION"],
      [{ theme: { tokens: { "--cab-color-primary": "red; } body { display: none" } } }, 400, "CAB_ERR_VALIDATION"],
      [{ theme: { tokens: { color: "red" } } }, 400, "CAB_ERR_VALIDATION"],
      [{ topUp: { min: 1000, max: 10 } }, 400, "CAB_ERR_VALIDATION"],
      [{ defaultLocale: "english" }, 400, "CAB_ERR_VALIDATION"],
      [{ currencies: ["EUR"], defaultCurrency: "EUR" }, 409, "CAB_ERR_CURRENCY_IN_USE"],
    ];
    for (const [body, status, code] of cases) {
      const response = await t.request("PATCH", "/api/v1/staff/brand", { token: admin.token, body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.error.code).toBe(code);
    }
    const inUse = await t.request("PATCH", "/api/v1/staff/brand", { token: admin.token, body: { currencies: ["EUR"], defaultCurrency: "EUR" } });
    expect(inUse.body.error.details).toMatchObject({ currency: "USD" });
    expect(await version("demo")).toBe(before);
    // Adding a currency is fine; dropping one nothing uses is too.
    expect((await t.request("PATCH", "/api/v1/staff/brand", { token: admin.token, body: { currencies: ["USD", "EUR"] } })).status).toBe(200);
    expect((await t.request("PATCH", "/api/v1/staff/brand", { token: admin.token, body: { currencies: ["USD"] } })).status).toBe(200);
  });
});

describe("a brand's public profile", () => {
  it("tells any visitor of the brand's site its name, languages and theme, and nothing private", async () => {
    const profile = await t.request("GET", "/api/v1/brand", { headers: { origin: "https://my.acme.test" } });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ slug: "acme", defaultCurrency: "EUR", theme: { tokens: { "--cab-color-primary": "#ff6600" } } });
    expect(profile.body.legal).toBeUndefined();
    expect(profile.body.allowedOrigins).toBeUndefined();
  });
});

describe("the brand cache across core processes", () => {
  it("sees a change written by another process within brands.cacheCheckMs, with no restart", async () => {
    const directory = t.cabinet.container.resolve(BrandDirectory);
    const before = (await directory.bySlug("acme"))!;
    // Another process's write: straight to the table, so this process's cache is not told.
    const elsewhere = new BrandRepository(t.cabinet.db);
    expect(await elsewhere.update({ ...before, allowedOrigins: [...before.allowedOrigins, "https://new.acme.test"] }, t.clock.now())).toBe(true);
    expect(await directory.byOrigin("https://new.acme.test")).toBeUndefined(); // not asked yet
    t.clock.advance(t.cabinet.config.brands.cacheCheckMs);
    expect((await directory.byOrigin("https://new.acme.test"))?.slug).toBe("acme");
    // A stale write (read before that change) is refused rather than undoing it.
    expect(await elsewhere.update({ ...before, name: "stale" }, t.clock.now())).toBe(false);
  });
});
