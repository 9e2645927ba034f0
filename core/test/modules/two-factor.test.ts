import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { UserTokenRepository } from "../../src/modules/accounts/user-token.repository.js";
import { hashUserToken, newUserToken } from "../../src/modules/accounts/user-token.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  t = await startTestCabinet({ config: { auth: { signInLimitPerIp: { points: 10_000, durationSeconds: 60 } } } });
});
afterAll(() => t?.close());

/** The code an authenticator app shows now (the test's clock). */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(t.clock.now() / 1000) });
const nextStep = () => t.clock.advance(30_000);

/** A fresh client with TOTP turned on: their token, secret and recovery codes. */
async function withTotp(brandHeader: Record<string, string> = {}) {
  const client = await t.signUp();
  const setup = await t.request("POST", "/api/v1/me/two-factor/setup", { token: client.token, body: { password: PASSWORD }, headers: brandHeader });
  expect(setup.status).toBe(200);
  const confirm = await t.request("POST", "/api/v1/me/two-factor/confirm", { token: client.token, body: { code: await codeNow(setup.body.secret) } });
  expect(confirm.status).toBe(200);
  nextStep(); // the confirming code is used up; the next step's code is fresh
  return { ...client, secret: setup.body.secret as string, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

const signIn = (email: string, password = PASSWORD, headers: Record<string, string> = {}) =>
  t.request("POST", "/api/v1/auth/sign-in", { body: { email, password, mode: "bearer" }, headers });
const secondFactor = (challenge: string, code: string) => t.request("POST", "/api/v1/auth/second-factor", { body: { challenge, code } });

describe("turning TOTP on", () => {
  it("needs the password, shows a QR code drawn locally, and turns on only with a right code from the app", async () => {
    const client = await t.signUp();
    expect((await t.request("GET", "/api/v1/me/two-factor", { token: client.token })).body).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    const noPassword = await t.request("POST", "/api/v1/me/two-factor/setup", { token: client.token, body: {} });
    expect(noPassword.status).toBe(403);
    expect(noPassword.body.error.code).toBe("CAB_ERR_REAUTH_FAILED");
    const setup = await t.request("POST", "/api/v1/me/two-factor/setup", { token: client.token, body: { password: PASSWORD } });
    expect(setup.body.qrSvg).toMatch(/^<svg /);
    expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
    const wrong = await t.request("POST", "/api/v1/me/two-factor/confirm", { token: client.token, body: { code: "000000" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("CAB_ERR_SECOND_FACTOR_INVALID");
    expect((await t.request("POST", "/api/v1/me/two-factor/confirm", { token: client.token, body: { code: "12ab56" } })).status).toBe(400);
    expect((await t.request("GET", "/api/v1/me/two-factor", { token: client.token })).body.enabled).toBe(false);
    // Signing in still needs no code while it is not confirmed.
    expect((await signIn(client.email)).status).toBe(200);

    const confirm = await t.request("POST", "/api/v1/me/two-factor/confirm", { token: client.token, body: { code: await codeNow(setup.body.secret) } });
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirm.body.recoveryCodes).size).toBe(10);
    expect((await t.request("GET", "/api/v1/me/two-factor", { token: client.token })).body).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
    // Once on, a second setup is refused.
    expect((await t.request("POST", "/api/v1/me/two-factor/setup", { token: client.token, body: { password: PASSWORD } })).status).toBe(403);
  });
});

describe("signing in with TOTP on", () => {
  it("asks for the code after the password and accepts each code once", async () => {
    const client = await withTotp();
    const first = await signIn(client.email);
    expect(first.status).toBe(401);
    expect(first.body.error.code).toBe("CAB_ERR_SECOND_FACTOR_REQUIRED");
    expect(first.body.token).toBeUndefined();
    const challenge = first.body.error.details.challenge;
    const wrong = await secondFactor(challenge, "000000");
    expect(wrong.body.error.code).toBe("CAB_ERR_SECOND_FACTOR_INVALID");
    const code = await codeNow(client.secret);
    const ok = await secondFactor(challenge, code);
    expect(ok.status).toBe(200);
    expect((await t.request("GET", "/api/v1/me", { token: ok.body.token })).status).toBe(200);
    // The challenge is spent, and the same code is refused on a new sign-in (replay in the same step).
    expect((await secondFactor(challenge, code)).status).toBe(401);
    const again = await signIn(client.email);
    const replay = await secondFactor(again.body.error.details.challenge, code);
    expect(replay.body.error.code).toBe("CAB_ERR_SECOND_FACTOR_INVALID");
    nextStep();
    expect((await secondFactor(again.body.error.details.challenge, await codeNow(client.secret))).status).toBe(200);
  });

  it("lets one of two parallel requests with the same code through, not both", async () => {
    const client = await withTotp();
    const [a, b] = await Promise.all([signIn(client.email), signIn(client.email)]);
    const code = await codeNow(client.secret);
    const answers = await Promise.all([secondFactor(a.body.error.details.challenge, code), secondFactor(b.body.error.details.challenge, code)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it("accepts a recovery code once, in any case and spacing", async () => {
    const client = await withTotp();
    const recovery = client.recoveryCodes[3];
    const first = await signIn(client.email);
    expect((await secondFactor(first.body.error.details.challenge, recovery.toUpperCase().replace("-", " "))).status).toBe(200);
    const second = await signIn(client.email);
    expect((await secondFactor(second.body.error.details.challenge, recovery)).body.error.code).toBe("CAB_ERR_SECOND_FACTOR_INVALID");
    const token = (await secondFactor(second.body.error.details.challenge, client.recoveryCodes[4])).body.token;
    expect((await t.request("GET", "/api/v1/me/two-factor", { token })).body.recoveryCodesLeft).toBe(8);
  });

  it("limits wrong codes per user, sequential and parallel: past the limit even the right code waits", async () => {
    const client = await withTotp();
    const challenge = (await signIn(client.email)).body.error.details.challenge;
    const answers = await Promise.all(Array.from({ length: 12 }, () => secondFactor(challenge, "000000")));
    expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(7);
    const right = await secondFactor(challenge, await codeNow(client.secret));
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe("CAB_ERR_RATE_LIMITED");
  });

  it("refuses an expired, unknown or malformed challenge", async () => {
    const client = await withTotp();
    const challenge = (await signIn(client.email)).body.error.details.challenge;
    t.clock.advance(6 * 60_000);
    expect((await secondFactor(challenge, await codeNow(client.secret))).status).toBe(401);
    expect((await secondFactor(`cabc_${"A".repeat(43)}`, "123456")).status).toBe(401);
    expect((await secondFactor("cabs_nope", "123456")).status).toBe(400);
  });

  it("is not bypassed by a password reset", async () => {
    const client = await withTotp();
    // A reset link as the e-mail would carry it (the e-mail path itself is tested in account-settings.test.ts).
    const token = newUserToken();
    const now = t.clock.now();
    await t.cabinet.container
      .resolve(UserTokenRepository)
      .issue({
        id: `utk_${now}x`,
        tokenHash: hashUserToken(token),
        userId: client.userId,
        purpose: "reset",
        newEmail: null,
        createdAt: now,
        expiresAt: now + 60_000,
        usedAt: null,
      });
    expect((await t.request("POST", "/api/v1/auth/password-reset/confirm", { body: { token, password: "a new password 1" } })).status).toBe(204);
    const after = await signIn(client.email, "a new password 1");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("CAB_ERR_SECOND_FACTOR_REQUIRED");
  });
});

describe("sensitive actions with TOTP on", () => {
  it("need the code as well as the password", async () => {
    const client = await withTotp();
    const passwordOnly = await t.request("POST", "/api/v1/me/password", { token: client.token, body: { password: PASSWORD, newPassword: "another password" } });
    expect(passwordOnly.status).toBe(403);
    expect(passwordOnly.body.error.details.needs).toEqual(["password", "code"]);
    const ok = await t.request("POST", "/api/v1/me/password", {
      token: client.token,
      body: { password: PASSWORD, newPassword: "another password", code: await codeNow(client.secret) },
    });
    expect(ok.status).toBe(200);
  });

  it("inviting or creating a user (a new way into the account) needs the password and the code; refused, nothing is written", async () => {
    const owner = await withTotp();
    const invite = (extra: Record<string, string>) =>
      t.request("POST", "/api/v1/users/invitations", {
        token: owner.token,
        body: { email: "invitee@example.org", roles: ["viewer"], serviceIds: null, ...extra },
      });
    const create = (extra: Record<string, string>) =>
      t.request("POST", "/api/v1/users", {
        token: owner.token,
        body: { email: "created@example.org", name: "C", password: "handed over password", roles: ["viewer"], serviceIds: null, ...extra },
      });
    // (Three tries: each counts against the user's sign-in limit, as re-authentication does.)
    for (const refused of [await invite({}), await invite({ password: PASSWORD }), await create({ currentPassword: PASSWORD })]) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("CAB_ERR_REAUTH_FAILED");
    }
    expect((await t.request("GET", "/api/v1/users/invitations", { token: owner.token })).body.items).toEqual([]);
    expect(await t.cabinet.db("users").where({ email: "created@example.org" }).first()).toBeUndefined();
    expect((await invite({ password: PASSWORD, code: await codeNow(owner.secret) })).status).toBe(201);
    nextStep();
    expect((await create({ currentPassword: PASSWORD, code: await codeNow(owner.secret) })).status).toBe(201);
  });

  it("turning it off needs password and code; new recovery codes void the old ones", async () => {
    const client = await withTotp();
    const regenerated = await t.request("POST", "/api/v1/me/two-factor/recovery-codes", {
      token: client.token,
      body: { password: PASSWORD, code: client.recoveryCodes[0] },
    });
    expect(regenerated.body.recoveryCodes).toHaveLength(10);
    const old = await signIn(client.email);
    expect((await secondFactor(old.body.error.details.challenge, client.recoveryCodes[1])).status).toBe(401);

    expect((await t.request("POST", "/api/v1/me/two-factor/disable", { token: client.token, body: { password: PASSWORD } })).status).toBe(403);
    const off = await t.request("POST", "/api/v1/me/two-factor/disable", {
      token: client.token,
      body: { password: PASSWORD, code: await codeNow(client.secret) },
    });
    expect(off.status).toBe(204);
    expect((await signIn(client.email)).status).toBe(200);
    expect((await t.request("POST", "/api/v1/me/two-factor/disable", { token: client.token, body: { password: PASSWORD } })).status).toBe(409);
  });
});

describe("a brand that requires two-factor authentication", () => {
  it("lets its users in only as far as turning it on, and never lets them turn it off", async () => {
    await addBrand(t, "strict", [], true);
    await t.cabinet.db("brands").where({ slug: "strict" }).update({ require_two_factor: true });
    t.cabinet.container.resolve(BrandDirectory).invalidate();
    const strict = { "x-cabinet-brand": "strict" };
    // Sign-up answers 202 (it tells nobody which e-mails exist); the session comes from signing in.
    const email = `strict-${Date.now()}@example.org`;
    expect((await t.request("POST", "/api/v1/auth/sign-up", { body: { email, password: PASSWORD, name: "S" }, headers: strict })).status).toBe(202);
    const token = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email, password: PASSWORD, mode: "bearer" }, headers: strict })).body.token;
    const blocked = await t.request("GET", "/api/v1/services", { token, headers: strict });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("CAB_ERR_TWO_FACTOR_SETUP_REQUIRED");
    expect((await t.request("GET", "/api/v1/me", { token, headers: strict })).status).toBe(200);
    expect((await t.request("GET", "/api/v1/me/two-factor", { token, headers: strict })).body.required).toBe(true);
    const setup = await t.request("POST", "/api/v1/me/two-factor/setup", { token, body: { password: PASSWORD }, headers: strict });
    await t.request("POST", "/api/v1/me/two-factor/confirm", { token, body: { code: await codeNow(setup.body.secret) }, headers: strict });
    expect((await t.request("GET", "/api/v1/services", { token, headers: strict })).status).toBe(200);
    nextStep();
    const off = await t.request("POST", "/api/v1/me/two-factor/disable", {
      token,
      body: { password: PASSWORD, code: await codeNow(setup.body.secret) },
      headers: strict,
    });
    expect(off.status).toBe(403);
    expect((await t.request("GET", "/api/v1/me/two-factor", { token, headers: strict })).body.enabled).toBe(true);
  });
});
