import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";
import { BrandRepository } from "../../src/modules/brands/brand.repository.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";

// Two brands, each with its own site: a session belongs to one of them and must not be usable
// from the other's pages, whatever CORS let in.
const acme = "https://www.acme-hosting.test";
const globex = "https://portal.globex.test";

let t: TestCabinet;
const gateway = new TestGateway();
beforeAll(async () => {
  t = await startTestCabinet({ plugins: [testGatewayPlugin(gateway)], config: { plugins: [{ name: "payment-testpay", options: {} }] } });
  await addBrand(t, "acme", [acme]);
  await addBrand(t, "globex", [globex]);
});
afterAll(() => t.close());

async function acmeClient(mode: "bearer" | "cookie") {
  const client = await t.signUp(`acme-${mode}-${Math.random().toString(36).slice(2)}@example.org`, { headers: { origin: acme }, mode, name: "Acme client" });
  return { token: client.token as string | undefined, cookie: client.cookie, csrf: client.csrfToken as string | undefined };
}

describe("a session used from another brand's site", () => {
  it("answers 403 in the error shape to a bearer session of brand A called from brand B's origin", async () => {
    const { token } = await acmeClient("bearer");
    expect((await t.request("GET", "/api/v1/me", { token, headers: { origin: acme } })).status).toBe(200);
    const foreign = await t.request("GET", "/api/v1/me", { token, headers: { origin: globex } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("CAB_ERR_ORIGIN_NOT_OF_BRAND");
    expect(foreign.body.error.details.origin).toBe(globex);
    // Nothing of the client leaks in the answer.
    expect(JSON.stringify(foreign.body)).not.toMatch(/acme-bearer/);
  });

  it("refuses a cookie session of brand A on a write from brand B's origin, its CSRF token included", async () => {
    const { cookie, csrf } = await acmeClient("cookie");
    expect(cookie).toBeTruthy();
    const read = await t.request("GET", "/api/v1/me", { cookie, headers: { origin: globex } });
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe("CAB_ERR_ORIGIN_NOT_OF_BRAND");
    const write = await t.request("POST", "/api/v1/auth/sign-out", { cookie, headers: { origin: globex, "x-csrf-token": csrf! } });
    expect(write.status).toBe(403);
    // The session still works from its own brand's site: the refused call ended nothing.
    expect((await t.request("GET", "/api/v1/me", { cookie, headers: { origin: acme } })).status).toBe(200);
  });

  it("refuses a session of brand A called from an origin no brand lists, without CORS headers", async () => {
    const { token } = await acmeClient("bearer");
    const response = await t.request("GET", "/api/v1/me", { token, headers: { origin: "https://evil.test" } });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("takes a Host header naming the calling site for no proof that the call is the core's own", async () => {
    const { token } = await acmeClient("bearer");
    const spoofed = await t.request("GET", "/api/v1/me", { token, headers: { origin: "http://evil.test", host: "evil.test" } });
    expect(spoofed.status).toBe(403);
    const write = await t.request("POST", "/api/v1/auth/sign-in", {
      body: { email: "a@b.co", password: "x" },
      headers: { origin: "http://evil.test", host: "evil.test" },
    });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe("CAB_ERR_ORIGIN_NOT_ALLOWED");
  });

  it("caches a preflight for a while", async () => {
    const preflight = await t.request("OPTIONS", "/api/v1/me", {
      headers: { origin: acme, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(Number(preflight.headers.get("access-control-max-age"))).toBeGreaterThanOrEqual(600);
  });
});

describe("payment return addresses", () => {
  it("checks them against the session's brand, not against the Host header", async () => {
    const { token } = await acmeClient("bearer");
    const spoofed = await t.request("POST", "/api/v1/payments", {
      token,
      body: { gateway: "testpay", amount: 1000, returnUrl: "http://evil.example/collect" },
      headers: { host: "evil.example", origin: acme },
    });
    expect(spoofed.status).toBe(400);
    expect(spoofed.body.error.details.errors[0].path).toBe("/returnUrl");
    // Another brand's site is no return address for this brand's client either.
    const otherBrand = await t.request("POST", "/api/v1/payments", {
      token,
      body: { gateway: "testpay", amount: 1000, returnUrl: `${globex}/billing` },
      headers: { origin: acme },
    });
    expect(otherBrand.status).toBe(400);
    const cancel = await t.request("POST", "/api/v1/payments", {
      token,
      body: { gateway: "testpay", amount: 1000, returnUrl: `${acme}/billing`, cancelUrl: `${globex}/x` },
      headers: { origin: acme },
    });
    expect(cancel.status).toBe(400);
    expect((await t.request("GET", "/api/v1/payments", { token, headers: { origin: acme } })).body.items).toEqual([]);
    const own = await t.request("POST", "/api/v1/payments", {
      token,
      body: { gateway: "testpay", amount: 1000, returnUrl: `${acme}/billing?tab=1` },
      headers: { origin: acme },
    });
    expect(own.status).toBe(201);
    expect(gateway.started.at(-1)).toMatchObject({ returnUrl: `${acme}/billing?tab=1` });
  });

  it("offers only the gateways the brand lists", async () => {
    const { token } = await acmeClient("bearer");
    expect((await t.request("GET", "/api/v1/payments/gateways", { token, headers: { origin: acme } })).body.items.map((g: { id: string }) => g.id)).toEqual([
      "testpay",
    ]);
    const repository = t.cabinet.container.resolve(BrandRepository);
    await repository.update({ ...(await repository.findBySlug("acme"))!, gateways: ["sandbox"] }, t.clock.now());
    t.cabinet.container.resolve(BrandDirectory).invalidate();
    expect((await t.request("GET", "/api/v1/payments/gateways", { token, headers: { origin: acme } })).body.items).toEqual([]);
    const refused = await t.request("POST", "/api/v1/payments", {
      token,
      body: { gateway: "testpay", amount: 1000, returnUrl: `${acme}/billing` },
      headers: { origin: acme },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toBe("/gateway");
  });
});
