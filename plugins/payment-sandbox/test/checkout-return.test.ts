import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import sandbox from "../src/index.js";

// The client area embedded on a provider's own site, another origin than the core's publicUrl.
const site = "https://www.acme.test";
let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet({
    plugins: [sandbox],
    config: { plugins: [{ name: "payment-sandbox", options: { webhookSecret: "a-test-secret-of-some-length" } }] },
  });
  await addBrand(t, "acme", [site]);
});
afterAll(() => t.close());

describe("a sandbox checkout started from a provider's own site", () => {
  it("lets its form return to that site (form-action lists it) and nowhere else", async () => {
    const { token } = await t.signUp(`c${Date.now()}@acme.test`, { headers: { origin: site }, name: "C" });
    const started = await t.request("POST", "/api/v1/payments", {
      token,
      body: { gateway: "sandbox", amount: 1500, returnUrl: `${site}/billing#top`, cancelUrl: `${site}/billing?cancelled=1` },
      headers: { origin: site },
    });
    expect(started.status).toBe(201);
    const path = new URL(started.body.nextAction.url).pathname;
    const page = await t.request("GET", path);
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toMatch(new RegExp(`form-action 'self' ${site.replace(/\./g, "\\.")};`));
    expect(csp).not.toMatch(/form-action[^;]*\*/);
    const paid = await t.request("POST", `${path}/pay`, {
      rawBody: "card=4242424242424242&expiry=12%2F34&cvc=123",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(paid.status).toBe(302);
    expect(paid.headers.get("location")).toBe(`${site}/billing?payment=${started.body.id}#top`);
    expect((await t.request("GET", `/api/v1/payments/${started.body.id}`, { token, headers: { origin: site } })).body.status).toBe("succeeded");
  });
});
