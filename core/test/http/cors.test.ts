import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({ config: { auth: { signInLimitPerIp: { points: 4, durationSeconds: 600 } } } });
  await addBrand(t, "acme", ["https://www.acme-hosting.test"]);
});
afterAll(() => t.close());

const acme = "https://www.acme-hosting.test";

describe("cross-site calls", () => {
  it("answers a preflight from an allowed origin", async () => {
    const response = await t.request("OPTIONS", "/api/v1/auth/sign-in", {
      headers: { origin: acme, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(acme);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/X-CSRF-Token/);
    // Widgets on another site read the file name of a download.
    expect(response.headers.get("access-control-expose-headers")).toMatch(/Content-Disposition/);
  });

  it("refuses a preflight and unsafe requests from other origins, without CORS headers", async () => {
    const preflight = await t.request("OPTIONS", "/api/v1/auth/sign-in", { headers: { origin: "https://evil.test", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const post = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "a@b.co", password: "x" }, headers: { origin: "https://evil.test" } });
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe("CAB_ERR_ORIGIN_NOT_ALLOWED");
  });

  it("resolves the brand from the origin, never from the body", async () => {
    const signUp = await t.request("POST", "/api/v1/auth/sign-up", {
      body: { email: "acme-client@example.org", password: "long enough password", name: "Acme client" },
      headers: { origin: acme },
    });
    expect(signUp.status).toBe(202);
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", {
      body: { email: "acme-client@example.org", password: "long enough password", mode: "bearer" },
      headers: { origin: acme },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.brand.slug).toBe("acme");
    expect(signIn.body.account.currency).toBe("EUR");
    // The same e-mail is free in the default brand: brands are separate worlds.
    const elsewhere = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "acme-client@example.org", password: "long enough password" } });
    expect(elsewhere.status).toBe(401);
  });

  it("refuses a brand named by a site it does not allow", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", {
      body: { email: "alice@example.com", password: "northwind-demo" },
      headers: { origin: acme, "x-cabinet-brand": "demo" },
    });
    expect(response.status).toBe(403);
  });

  it("refuses an unknown brand with 400", async () => {
    const response = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "a@b.co", password: "x" }, headers: { "x-cabinet-brand": "nope" } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("CAB_ERR_BRAND_UNKNOWN");
  });
});

describe("sign-in limit per IP", () => {
  it("stops an IP trying many accounts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await t.request("POST", "/api/v1/auth/sign-in", { body: { email: `guess${i}@example.com`, password: "x" } })).status);
    }
    // Four attempts were allowed by this file's config (one was used above by the acme test).
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.at(-1)).toBe(429);
  });
});
