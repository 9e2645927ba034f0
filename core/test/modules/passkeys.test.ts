import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// The passkey endpoints' refusals. The ceremonies that succeed need a real authenticator: they
// run in Chromium with its virtual authenticator (e2e/security.spec.ts).

let t: TestCabinet;
const PASSWORD = "correct horse battery";
const b64 = (s: string) => Buffer.from(s).toString("base64url");
const fakeAssertion = (id = b64("no-such-credential")) => ({
  id,
  rawId: id,
  type: "public-key",
  clientExtensionResults: {},
  response: { clientDataJSON: b64("{}"), authenticatorData: b64("x"), signature: b64("y") },
});

beforeAll(async () => {
  t = await startTestCabinet({ config: { auth: { signInLimitPerIp: { points: 10_000, durationSeconds: 60 } } } });
});
afterAll(() => t?.close());

describe("passkeys", () => {
  it("adding one needs re-authentication, and an origin of the brand", async () => {
    const client = await t.signUp();
    const refused = await t.request("POST", "/api/v1/me/passkeys/registration-options", { token: client.token, body: { password: "wrong" } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("CAB_ERR_REAUTH_FAILED");
    const offSite = await t.request("POST", "/api/v1/me/passkeys/registration-options", {
      token: client.token,
      body: { password: PASSWORD },
      headers: { origin: "https://evil.example" },
    });
    expect(offSite.status).toBe(403);
    const ok = await t.request("POST", "/api/v1/me/passkeys/registration-options", { token: client.token, body: { password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.body.ceremony).toMatch(/^cabw_/);
    expect(ok.body.options.rp.id).toBe("localhost");
    expect(ok.body.options.authenticatorSelection.residentKey).toBe("required");
  });

  it("refuses a forged attestation, and the ceremony is spent by it", async () => {
    const client = await t.signUp();
    const { ceremony } = (await t.request("POST", "/api/v1/me/passkeys/registration-options", { token: client.token, body: { password: PASSWORD } })).body;
    const forged = {
      ceremony,
      name: "Forged",
      response: {
        id: b64("c"),
        rawId: b64("c"),
        type: "public-key",
        clientExtensionResults: {},
        response: { clientDataJSON: b64("{}"), attestationObject: b64("nope") },
      },
    };
    const answer = await t.request("POST", "/api/v1/me/passkeys", { token: client.token, body: forged });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("CAB_ERR_PASSKEY_INVALID");
    expect((await t.request("POST", "/api/v1/me/passkeys", { token: client.token, body: forged })).body.error.details.reason).toContain("expired");
    expect((await t.request("GET", "/api/v1/me/passkeys", { token: client.token })).body.items).toEqual([]);
    // Malformed bodies never reach the verifier.
    expect(
      (await t.request("POST", "/api/v1/me/passkeys", { token: client.token, body: { ...forged, response: { ...forged.response, type: "password" } } })).status,
    ).toBe(400);
    expect((await t.request("POST", "/api/v1/me/passkeys", { token: client.token, body: { ...forged, name: "" } })).status).toBe(400);
  });

  it("refuses an assertion by an unknown passkey, and limits assertions per ceremony, in parallel too", async () => {
    const { ceremony } = (await t.request("POST", "/api/v1/auth/passkey/options", { body: {} })).body;
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => t.request("POST", "/api/v1/auth/passkey", { body: { ceremony, response: fakeAssertion() } })),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
    expect(answers.find((a) => a.status === 401)!.body.error.code).toBe("CAB_ERR_PASSKEY_INVALID");
  });

  it("refuses an unknown ceremony and a second-factor challenge that does not exist", async () => {
    expect((await t.request("POST", "/api/v1/auth/passkey", { body: { ceremony: `cabw_${"A".repeat(43)}`, response: fakeAssertion() } })).status).toBe(401);
    const noChallenge = await t.request("POST", "/api/v1/auth/passkey/options", { body: { secondFactorChallenge: `cabc_${"A".repeat(43)}` } });
    expect(noChallenge.status).toBe(401);
  });

  it("renames and removes only the user's own passkeys (404 otherwise)", async () => {
    const client = await t.signUp();
    const id = "pky_0000000000000000000000";
    expect((await t.request("PATCH", `/api/v1/me/passkeys/${id}`, { token: client.token, body: { name: "x" } })).status).toBe(404);
    expect((await t.request("DELETE", `/api/v1/me/passkeys/${id}`, { token: client.token })).status).toBe(404);
    expect((await t.request("DELETE", "/api/v1/me/passkeys/not-an-id", { token: client.token })).status).toBe(400);
  });
});
