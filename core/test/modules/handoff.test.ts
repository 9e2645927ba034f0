import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManageApiKeys } from "../../src/modules/accounts/manage-api-keys.js";
import { generate } from "otplib";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { BrandRepository } from "../../src/modules/brands/brand.repository.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";

// Two providers, each with its site and its backend's API key.
const acmeSite = "https://www.acme.test";
const globexSite = "https://www.globex.test";

let t: TestCabinet;
let acmeKey: string;
let globexKey: string;
beforeAll(async () => {
  t = await startTestCabinet();
  const acme = await addBrand(t, "acme", [acmeSite, "https://shop.acme.test"]);
  await addBrand(t, "globex", [globexSite]);
  // Acme's clients are its own site's customers: a first hand-off creates the Cabinet account.
  await t.cabinet.container
    .resolve(BrandRepository)
    .update({ ...(await t.cabinet.container.resolve(BrandRepository).findBySlug("acme"))!, handoffCreatesAccounts: true }, t.clock.now());
  t.cabinet.container.resolve(BrandDirectory).invalidate();
  void acme;
  const keys = t.cabinet.container.resolve(ManageApiKeys);
  acmeKey = (await keys.create("acme", "acme backend")).key;
  globexKey = (await keys.create("globex", "globex backend")).key;
});
afterAll(() => t.close());

const handoff = (key: string, body: unknown) => t.request("POST", "/api/v1/handoff", { body, headers: { authorization: `Bearer ${key}` } });
const exchange = (code: string, origin: string, mode = "bearer") => t.request("POST", "/api/v1/auth/handoff", { body: { code, mode }, headers: { origin } });
let seq = 0;
const customer = () => ({ externalId: `cust-${++seq}`, email: `customer${seq}-${Date.now()}@acme-customers.test`, name: `Customer ${seq}` });

describe("the sign-in hand-off", () => {
  it("creates the account on first use and signs the customer in with no password, again on every page load", async () => {
    const who = customer();
    const first = await handoff(acmeKey, { customer: who, origin: acmeSite });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, code: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(Date.parse(first.body.expiresAt) - t.clock.now()).toBeLessThanOrEqual(60_000);
    const signedIn = await exchange(first.body.code, acmeSite);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ user: { email: who.email, name: who.name }, brand: { slug: "acme" }, account: { currency: "EUR" } });
    const me = await t.request("GET", "/api/v1/me", { token: signedIn.body.token, headers: { origin: acmeSite } });
    expect(me.status).toBe(200);
    // The next page load: the same customer, by external id, even with a new e-mail.
    const again = await handoff(acmeKey, { customer: { externalId: who.externalId, email: "changed@acme-customers.test" }, origin: acmeSite });
    expect(again.body).toMatchObject({ created: false, userId: first.body.userId });
    expect((await exchange(again.body.code, acmeSite)).body.user.email).toBe(who.email);
  });

  it("takes a code once only", async () => {
    const { body } = await handoff(acmeKey, { customer: customer(), origin: acmeSite });
    expect((await exchange(body.code, acmeSite)).status).toBe(200);
    const twice = await exchange(body.code, acmeSite);
    expect(twice.status).toBe(401);
    expect(twice.body.error.code).toBe("CAB_ERR_HANDOFF_INVALID");
  });

  it("refuses a code after 60 seconds", async () => {
    const { body } = await handoff(acmeKey, { customer: customer(), origin: acmeSite });
    t.clock.advance(60_001);
    const late = await exchange(body.code, acmeSite);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe("CAB_ERR_HANDOFF_INVALID");
  });

  it("refuses a code from another page origin than it was made for, even one of the same brand, and spends it", async () => {
    const { body } = await handoff(acmeKey, { customer: customer(), origin: acmeSite });
    const elsewhere = await exchange(body.code, "https://shop.acme.test");
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.error.details.reason).toMatch(/origin/);
    expect((await exchange(body.code, acmeSite)).status).toBe(401);
  });

  it("refuses a code for another brand", async () => {
    const { body } = await handoff(acmeKey, { customer: customer(), origin: acmeSite });
    // Presented on Globex's site (its brand), a code of Acme's opens nothing.
    const foreign = await exchange(body.code, globexSite);
    expect(foreign.status).toBe(401);
    expect(foreign.body.error.details.reason).toMatch(/brand/);
  });

  it("refuses a wrong, revoked or malformed API key, and another brand's key cannot use this brand's origin", async () => {
    const who = customer();
    for (const key of ["", "cabk_nope", acmeKey.slice(0, -2) + "xx", `cabk_${globexKey.split("_")[1]}_${acmeKey.slice(-43)}`]) {
      const response = await handoff(key, { customer: who, origin: acmeSite });
      expect(response.status, key).toBe(401);
      expect(response.body.error.code).toBe("CAB_ERR_API_KEY_INVALID");
    }
    const crossBrand = await handoff(globexKey, { customer: who, origin: acmeSite });
    expect(crossBrand.status).toBe(400);
    expect(crossBrand.body.error.details.errors[0].path).toBe("/origin");
    const keys = t.cabinet.container.resolve(ManageApiKeys);
    const { key, apiKey } = await keys.create("acme", "short-lived");
    expect((await handoff(key, { customer: who, origin: acmeSite })).status).toBe(201);
    await keys.revoke(apiKey.id);
    expect((await handoff(key, { customer: who, origin: acmeSite })).status).toBe(401);
    // Only the hash is stored.
    const row = await t.cabinet.db("brand_api_keys").where({ id: apiKey.id }).first();
    expect(JSON.stringify(row)).not.toContain(key.split("_").at(-1));
  });

  it("refuses an origin the brand does not allow, and an unknown customer where the brand creates no accounts", async () => {
    const badOrigin = await handoff(acmeKey, { customer: customer(), origin: "https://evil.test" });
    expect(badOrigin.status).toBe(400);
    const unknown = await handoff(globexKey, { customer: { email: "nobody@globex.test" }, origin: globexSite });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("CAB_ERR_HANDOFF_UNKNOWN_CUSTOMER");
    expect(await t.cabinet.db("users").where({ email: "nobody@globex.test" }).first()).toBeUndefined();
    const nobody = await handoff(acmeKey, { customer: {}, origin: acmeSite });
    expect(nobody.status).toBe(400);
  });

  it("never skips a second factor: a client who turned one on must still give it", async () => {
    // An Acme client with a password and TOTP on, handed over by Acme's backend by e-mail.
    const email = `totp-${Date.now()}@acme-customers.test`;
    const { token } = await t.signUp(email, { headers: { origin: acmeSite }, name: "T" });
    const setup = await t.request("POST", "/api/v1/me/two-factor/setup", { token, body: { password: "correct horse battery" }, headers: { origin: acmeSite } });
    expect(setup.status).toBe(200);
    const code = await generate({ secret: setup.body.secret, epoch: Math.floor(t.clock.now() / 1000) });
    expect((await t.request("POST", "/api/v1/me/two-factor/confirm", { token, body: { code }, headers: { origin: acmeSite } })).status).toBe(200);
    t.clock.advance(30_000);

    const { body } = await handoff(acmeKey, { customer: { email }, origin: acmeSite });
    const refused = await exchange(body.code, acmeSite);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("CAB_ERR_SECOND_FACTOR_REQUIRED");
    expect(refused.body.error.details.challenge).toEqual(expect.any(String));
    expect(refused.body.token).toBeUndefined();
    // The second step finishes it, as after a password.
    const finished = await t.request("POST", "/api/v1/auth/second-factor", {
      body: { challenge: refused.body.error.details.challenge, code: await generate({ secret: setup.body.secret, epoch: Math.floor(t.clock.now() / 1000) }) },
      headers: { origin: acmeSite },
    });
    expect(finished.status).toBe(200);
    expect(finished.body.user.email).toBe(email);
  });

  it("lets the provider's backend end the customer's sessions", async () => {
    const who = customer();
    const { body } = await handoff(acmeKey, { customer: who, origin: acmeSite });
    const { token } = (await exchange(body.code, acmeSite)).body;
    const ended = await t.request("POST", "/api/v1/handoff/sign-out", {
      body: { customer: { externalId: who.externalId } },
      headers: { authorization: `Bearer ${acmeKey}` },
    });
    expect(ended.body).toEqual({ ended: 1 });
    expect((await t.request("GET", "/api/v1/me", { token, headers: { origin: acmeSite } })).status).toBe(401);
    // Another brand's key finds no such customer in its brand.
    const foreign = await t.request("POST", "/api/v1/handoff/sign-out", {
      body: { customer: { externalId: who.externalId } },
      headers: { authorization: `Bearer ${globexKey}` },
    });
    expect(foreign.body).toEqual({ ended: 0 });
  });
});
