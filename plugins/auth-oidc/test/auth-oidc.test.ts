import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBrand, startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";
import { generate } from "otplib";
import { signInStaff } from "../../../core/test/support/staff-helpers.js";
import oidcPlugin from "../src/index.js";
import { signInAtIssuer, startTestIssuer, testIdpProvider, type TestIssuer } from "./test-issuer.js";

let issuer: TestIssuer;
let t: TestCabinet;
let publicUrl: string;
const CALLBACK = "/api/v1/auth/external/callback";

beforeAll(async () => {
  issuer = await startTestIssuer({
    // Claims to be Alice of the demo brand, but the issuer never verified it.
    "unverified-alice": { email: "alice@example.com", email_verified: false },
    "unverified-new": { email: "someone-new@example.org", email_verified: false },
  });
  t = await startTestCabinet({
    plugins: [oidcPlugin],
    config: {
      plugins: [
        {
          name: "auth-oidc",
          options: {
            providers: [testIdpProvider(issuer)],
          },
        },
      ],
    },
  });
  publicUrl = t.cabinet.config.http.publicUrl!;
  issuer.register(publicUrl + CALLBACK);
});
afterAll(async () => {
  await t?.close();
  await issuer?.close();
});

const page = () => `${publicUrl}/account.html`;

/** Starts at the core, signs in at the issuer as `login`, comes back through the callback: the fragment the page would see. */
async function roundTrip(login: string, start: Record<string, unknown> = {}, headers: Record<string, string> = {}, beforeCallback?: () => Promise<void>) {
  const started = await t.request("POST", "/api/v1/auth/external/test-idp/start", { body: { returnTo: page(), mode: "bearer", ...start }, headers });
  if (started.status !== 200) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const callback = await signInAtIssuer(started.body.url, login, publicUrl + CALLBACK);
  await beforeCallback?.();
  const path = callback.slice(publicUrl.length);
  const back = await t.request("GET", path);
  const location = back.headers.get("location");
  return { path, back, fragment: location ? new URLSearchParams(new URL(location).hash.slice(1)) : null, location };
}

async function exchange(code: string) {
  return t.request("POST", "/api/v1/auth/external/exchange", { body: { code } });
}

describe("auth-oidc against a real OpenID provider", () => {
  it("lists the brand's providers", async () => {
    const list = await t.request("GET", "/api/v1/auth/external/providers");
    expect(list.body.items).toEqual([{ id: "test-idp", label: "Test IdP" }]);
  });

  it("signs up with a new verified identity, then signs in with it; the authorization request carries PKCE, state and nonce", async () => {
    const started = await t.request("POST", "/api/v1/auth/external/test-idp/start", { body: { returnTo: page(), mode: "bearer" } });
    const authorize = new URL(started.body.url);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    for (const p of ["code_challenge", "state", "nonce"]) expect(authorize.searchParams.get(p)).toBeTruthy();

    const first = await roundTrip("newcomer");
    expect(first.back.status).toBe(303);
    expect(first.location!.startsWith(page() + "#")).toBe(true);
    const signedUp = await exchange(first.fragment!.get("cabinet-external")!);
    expect(signedUp.status).toBe(200);
    expect(signedUp.body.user).toMatchObject({ email: "newcomer@issuer.example", role: "owner" });
    expect((await t.request("GET", "/api/v1/me", { token: signedUp.body.token })).body.user.id).toBe(signedUp.body.user.id);

    const again = await roundTrip("newcomer");
    const signedIn = await exchange(again.fragment!.get("cabinet-external")!);
    expect(signedIn.body.user.id).toBe(signedUp.body.user.id);
    expect(Number((await t.cabinet.db("external_identities").where({ user_id: signedUp.body.user.id }).count({ n: "*" }))[0].n)).toBe(1);
  });

  it("asks a user with TOTP on for the second factor after the provider: it never bypasses it", async () => {
    const first = await roundTrip("two-factor-user");
    const signedUp = await exchange(first.fragment!.get("cabinet-external")!);
    const token = signedUp.body.token;
    // No password to give: the sign-in of a moment ago re-authenticates.
    const setup = await t.request("POST", "/api/v1/me/two-factor/setup", { token, body: {} });
    expect(setup.status).toBe(200);
    const codeAt = (ahead: number) => generate({ secret: setup.body.secret, epoch: Math.floor(t.clock.now() / 1000) + ahead });
    expect((await t.request("POST", "/api/v1/me/two-factor/confirm", { token, body: { code: await codeAt(0) } })).status).toBe(200);

    const again = await roundTrip("two-factor-user");
    const held = await exchange(again.fragment!.get("cabinet-external")!);
    expect(held.status).toBe(401);
    expect(held.body.error.code).toBe("CAB_ERR_SECOND_FACTOR_REQUIRED");
    expect(held.body.token).toBeUndefined();
    const done = await t.request("POST", "/api/v1/auth/second-factor", { body: { challenge: held.body.error.details.challenge, code: await codeAt(30) } });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe(signedUp.body.user.id);
    expect(done.body.token).toBeTruthy(); // the mode the external sign-in started in (bearer)
  });

  it("refuses a callback with a wrong state", async () => {
    const response = await t.request("GET", `${CALLBACK}?code=abc&state=not-a-state-we-issued`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("CAB_ERR_EXTERNAL_SIGN_IN_FAILED");
  });

  it("refuses an expired state, and sends a refusal at the provider (access_denied) back to the page as an error", async () => {
    const start = async () =>
      new URL((await t.request("POST", "/api/v1/auth/external/test-idp/start", { body: { returnTo: page() } })).body.url).searchParams.get("state")!;
    const stale = await start();
    t.clock.advance(11 * 60_000);
    const expired = await t.request("GET", `${CALLBACK}?state=${stale}&code=whatever`);
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe("CAB_ERR_EXTERNAL_SIGN_IN_FAILED");
    const denied = await t.request("GET", `${CALLBACK}?state=${await start()}&error=access_denied`);
    expect(denied.status).toBe(303);
    expect(new URLSearchParams(new URL(denied.headers.get("location")!).hash.slice(1)).get("cabinet-external-error")).toBe("CAB_ERR_EXTERNAL_SIGN_IN_FAILED");
  });

  it("refuses a replayed callback (the same code and state again) and a replayed exchange code", async () => {
    const first = await roundTrip("replayer");
    const code = first.fragment!.get("cabinet-external")!;
    const replay = await t.request("GET", first.path);
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe("CAB_ERR_EXTERNAL_SIGN_IN_FAILED");
    expect((await exchange(code)).status).toBe(200);
    const twice = await exchange(code);
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe("CAB_ERR_EXTERNAL_SIGN_IN_FAILED");
  });

  it("refuses an ID token whose nonce is not the one sent, creating nobody", async () => {
    const result = await roundTrip("wrong-nonce", {}, {}, async () => {
      // What the core sent and the token carries now differ, as with a token injected from another flow.
      await t.cabinet.db("external_sign_in_states").whereNull("used_at").update({ nonce: "another-nonce" });
    });
    expect(result.back.status).toBe(303);
    expect(result.fragment!.get("cabinet-external-error")).toBe("CAB_ERR_EXTERNAL_SIGN_IN_FAILED");
    expect(await t.cabinet.db("users").where({ email: "wrong-nonce@issuer.example" }).first()).toBeUndefined();
  });

  it("never joins an existing account through an unverified e-mail, nor signs up with one", async () => {
    const alice = await t.cabinet.db("users").where({ email: "alice@example.com" }).first();
    const result = await roundTrip("unverified-alice");
    expect(result.fragment!.get("cabinet-external-error")).toBe("CAB_ERR_EXTERNAL_EMAIL_UNVERIFIED");
    expect(await t.cabinet.db("external_identities").where({ user_id: alice.id }).first()).toBeUndefined();
    const fresh = await roundTrip("unverified-new");
    expect(fresh.fragment!.get("cabinet-external-error")).toBe("CAB_ERR_EXTERNAL_EMAIL_UNVERIFIED");
    expect(await t.cabinet.db("users").where({ email: "someone-new@example.org" }).first()).toBeUndefined();
  });

  it("binds to a signed-in user after re-authentication, refuses a wrong password, and an identity bound to someone else", async () => {
    const client = await t.signUp();
    const auth = { authorization: `Bearer ${client.token}` };
    const wrong = await t.request("POST", "/api/v1/auth/external/test-idp/start", {
      body: { purpose: "bind", returnTo: page(), password: "not it" },
      headers: auth,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe("CAB_ERR_REAUTH_FAILED");
    const bound = await roundTrip("binder", { purpose: "bind", password: "correct horse battery" }, auth);
    expect(bound.fragment!.get("cabinet-external-bound")).toBe("test-idp");
    const methods = await t.request("GET", "/api/v1/me/sign-in-methods", { token: client.token });
    expect(methods.body).toMatchObject({ hasPassword: true, identities: [{ provider: "test-idp", label: "Test IdP", email: "binder@issuer.example" }] });

    // "newcomer" already belongs to the account it signed up.
    const other = await t.signUp();
    const taken = await roundTrip("newcomer", { purpose: "bind", password: "correct horse battery" }, { authorization: `Bearer ${other.token}` });
    expect(taken.fragment!.get("cabinet-external-error")).toBe("CAB_ERR_EXTERNAL_IDENTITY_TAKEN");

    // With a password left, the identity can go (re-authenticated).
    const id = methods.body.identities[0].id;
    expect((await t.request("POST", `/api/v1/me/external-identities/${id}/unbind`, { token: client.token, body: {} })).status).toBe(403);
    expect(
      (await t.request("POST", `/api/v1/me/external-identities/${id}/unbind`, { token: client.token, body: { password: "correct horse battery" } })).status,
    ).toBe(204);
  });

  it("binding and unbinding ask a user with a second factor for its code too (the common re-authentication), not the password alone", async () => {
    const client = await t.signUp();
    const token = client.token;
    const auth = { authorization: `Bearer ${token}` };
    const setup = await t.request("POST", "/api/v1/me/two-factor/setup", { token, body: { password: "correct horse battery" } });
    const code = () => generate({ secret: setup.body.secret, epoch: Math.floor(t.clock.now() / 1000) });
    expect((await t.request("POST", "/api/v1/me/two-factor/confirm", { token, body: { code: await code() } })).status).toBe(200);
    const methods = async () => (await t.request("GET", "/api/v1/me/sign-in-methods", { token })).body;
    expect(await methods()).toMatchObject({ hasPassword: true, twoFactor: true, passkeys: 0, identities: [] });

    const passwordOnly = await t.request("POST", "/api/v1/auth/external/test-idp/start", {
      body: { purpose: "bind", returnTo: page(), password: "correct horse battery" },
      headers: auth,
    });
    expect(passwordOnly.status).toBe(403);
    expect(passwordOnly.body.error).toMatchObject({ code: "CAB_ERR_REAUTH_FAILED", details: { needs: ["password", "code"] } });
    t.clock.advance(30_000);
    const wrongCode = await t.request("POST", "/api/v1/auth/external/test-idp/start", {
      body: { purpose: "bind", returnTo: page(), password: "correct horse battery", code: "000000" },
      headers: auth,
    });
    expect(wrongCode.status).toBe(403);
    expect(await t.cabinet.db("external_sign_in_states").where({ user_id: client.userId }).first()).toBeUndefined();

    const bound = await roundTrip("binder-2fa", { purpose: "bind", password: "correct horse battery", code: await code() }, auth);
    expect(bound.fragment!.get("cabinet-external-bound")).toBe("test-idp");
    const id = (await methods()).identities[0].id;

    t.clock.advance(30_000);
    const unbindPasswordOnly = await t.request("POST", `/api/v1/me/external-identities/${id}/unbind`, { token, body: { password: "correct horse battery" } });
    expect(unbindPasswordOnly.status).toBe(403);
    expect(unbindPasswordOnly.body.error.code).toBe("CAB_ERR_REAUTH_FAILED");
    expect((await methods()).identities).toHaveLength(1);
    expect(
      (await t.request("POST", `/api/v1/me/external-identities/${id}/unbind`, { token, body: { password: "correct horse battery", code: await code() } }))
        .status,
    ).toBe(204);
    expect((await methods()).identities).toEqual([]);
  });

  it("a passkey counts as a way to sign in: with one, the last identity can be unbound; then the last passkey cannot be removed", async () => {
    const first = await roundTrip("passkey-holder");
    const session = await exchange(first.fragment!.get("cabinet-external")!);
    const token = session.body.token;
    const user = await t.cabinet.db("users").where({ id: session.body.user.id }).first();
    // A passkey as its registration stores it (the ceremony itself runs in Chromium: e2e/security.spec.ts).
    await t.cabinet.db("passkeys").insert({
      id: "pky_0000000000000000000001",
      user_id: user.id,
      brand_id: user.brand_id,
      credential_id: "credential-of-passkey-holder",
      public_key: "cHVibGljLWtleQ",
      counter: 0,
      transports: "[]",
      name: "Laptop",
      created_at: t.clock.now(),
      last_used_at: null,
    });
    const methods = await t.request("GET", "/api/v1/me/sign-in-methods", { token });
    expect(methods.body).toMatchObject({ hasPassword: false, passkeys: 1, twoFactor: false });
    expect((await t.request("POST", `/api/v1/me/external-identities/${methods.body.identities[0].id}/unbind`, { token, body: {} })).status).toBe(204);
    expect(await t.cabinet.db("external_identities").where({ user_id: user.id }).first()).toBeUndefined();

    const last = await t.request("DELETE", "/api/v1/me/passkeys/pky_0000000000000000000001", { token });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe("CAB_ERR_LAST_SIGN_IN_METHOD");
    expect((await t.request("GET", "/api/v1/me/passkeys", { token })).body.items).toHaveLength(1);
  });

  it("refuses to unbind the last way to sign in", async () => {
    const first = await roundTrip("only-oidc");
    const session = await exchange(first.fragment!.get("cabinet-external")!);
    const methods = await t.request("GET", "/api/v1/me/sign-in-methods", { token: session.body.token });
    expect(methods.body.hasPassword).toBe(false);
    const response = await t.request("POST", `/api/v1/me/external-identities/${methods.body.identities[0].id}/unbind`, { token: session.body.token, body: {} });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("CAB_ERR_LAST_SIGN_IN_METHOD");
    expect(Number((await t.cabinet.db("external_identities").where({ user_id: session.body.user.id }).count({ n: "*" }))[0].n)).toBe(1);
  });

  it("an approved erasure unbinds the user's external identities and ends their session", async () => {
    const first = await roundTrip("to-erase");
    const session = await exchange(first.fragment!.get("cabinet-external")!);
    const filed = await t.request("POST", "/api/v1/privacy/requests", { token: session.body.token, body: { kind: "erasure" } });
    const admin = (await signInStaff(t, "admin")).token;
    expect((await t.request("POST", `/api/v1/staff/privacy-requests/${filed.body.id}/decision`, { token: admin, body: { decision: "approve" } })).status).toBe(
      200,
    );
    expect(await t.cabinet.db("external_identities").where({ user_id: session.body.user.id }).first()).toBeUndefined();
    expect((await t.request("GET", "/api/v1/me", { token: session.body.token })).status).toBe(401);
  });

  it("bad input: a return page on a foreign origin, an unknown provider, a malformed code, a brand with sign-up closed", async () => {
    const foreign = await t.request("POST", "/api/v1/auth/external/test-idp/start", { body: { returnTo: "https://evil.example/steal" } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("CAB_ERR_ORIGIN_NOT_ALLOWED");
    expect((await t.request("POST", "/api/v1/auth/external/nope/start", { body: { returnTo: page() } })).status).toBe(404);
    expect((await t.request("POST", "/api/v1/auth/external/test-idp/start", { body: { returnTo: "not a url" } })).status).toBe(400);
    expect((await exchange("short")).status).toBe(400);
    expect((await exchange("a".repeat(43))).status).toBe(400);
    // A binding needs a session.
    expect((await t.request("POST", "/api/v1/auth/external/test-idp/start", { body: { purpose: "bind", returnTo: page() } })).status).toBe(401);

    await addBrand(t, "closed-oidc", [], false);
    const closed = await roundTrip("closed-newcomer", {}, { "x-cabinet-brand": "closed-oidc" });
    expect(closed.fragment!.get("cabinet-external-error")).toBe("CAB_ERR_SIGN_UP_CLOSED");
  });
});

describe("accepting an invitation by signing in at the provider", () => {
  const tokenOf = (link: string) => new URL(link).searchParams.get("invitation")!;
  async function invite(owner: { token: string }, email: string) {
    const sent = await t.request("POST", "/api/v1/users/invitations", {
      token: owner.token,
      body: { email, roles: ["accountant"], serviceIds: null, password: "correct horse battery" },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return tokenOf(sent.body.link);
  }

  it("a newcomer gets a login of the inviting account, with the invited e-mail, the role, and the identity as its way in", async () => {
    const owner = await t.signUp();
    const invitation = await invite(owner, "invited-by-oidc@example.org");
    const back = await roundTrip("oidc-invitee", { invitation });
    // Under the invitation's own keys (not a sign-in form's), with the account it joined.
    expect(back.fragment!.get("cabinet-external")).toBeNull();
    expect(back.fragment!.get("cabinet-invitation-account")).toBe(owner.accountId);
    const session = await exchange(back.fragment!.get("cabinet-invitation")!);
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    const me = await t.request("GET", "/api/v1/me", { token: session.body.token });
    expect(me.body.user).toMatchObject({ email: "invited-by-oidc@example.org", role: "member", roles: ["accountant"] });
    expect(me.body.account.id).toBe(owner.accountId);
    // A login without a password: its way in is the identity.
    expect((await t.cabinet.db("users").where({ id: session.body.user.id }).first()).password_hash).toBeNull();
    // No account of their own was made, and the identity signs them in again.
    expect(Number((await t.cabinet.db("users").where({ email: "invited-by-oidc@example.org" }).count({ n: "*" }))[0].n)).toBe(1);
    const again = await exchange((await roundTrip("oidc-invitee")).fragment!.get("cabinet-external")!);
    expect(again.body.user.id).toBe(session.body.user.id);
    // The invitation is used: the link works no more.
    expect((await t.request("GET", `/api/v1/invitations/${invitation}`)).status).toBe(410);
    const audit = await t.request("GET", "/api/v1/audit?action=user.joined", { token: owner.token });
    expect(audit.body.items[0].details).toMatchObject({ newLogin: true, via: "external" });
  });

  it("someone already signing in with the provider joins the inviting account as a second one", async () => {
    const own = await exchange((await roundTrip("oidc-agency")).fragment!.get("cabinet-external")!);
    expect(own.status).toBe(200);
    const owner = await t.signUp();
    const back = await roundTrip("oidc-agency", { invitation: await invite(owner, "whatever-address@example.org") });
    expect(back.fragment!.get("cabinet-invitation-account")).toBe(owner.accountId);
    const session = await exchange(back.fragment!.get("cabinet-invitation")!);
    expect(session.body.user.id).toBe(own.body.user.id);
    const accounts = await t.request("GET", "/api/v1/me/accounts", { token: session.body.token });
    expect(accounts.status, JSON.stringify(accounts.body)).toBe(200);
    expect(accounts.body.items.map((a: { id: string }) => a.id)).toContain(owner.accountId);
  });

  it("a used, revoked or another brand's invitation is refused at the start (410), before the provider is asked; nobody is created", async () => {
    const owner = await t.signUp();
    const invitation = await invite(owner, "revoked-oidc@example.org");
    const list = await t.request("GET", "/api/v1/users/invitations", { token: owner.token });
    const id = list.body.items.find((i: { email: string }) => i.email === "revoked-oidc@example.org").id;
    expect((await t.request("POST", `/api/v1/users/invitations/${id}/revoke`, { token: owner.token, body: {} })).status).toBe(204);
    const refused = await t.request("POST", "/api/v1/auth/external/test-idp/start", { body: { returnTo: page(), mode: "bearer", invitation } });
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe("CAB_ERR_INVITATION_INVALID");
    await addBrand(t, "other-oidc", [], true);
    const live = await invite(owner, "other-brand-oidc@example.org");
    const elsewhere = await t.request("POST", "/api/v1/auth/external/test-idp/start", {
      body: { returnTo: page(), mode: "bearer", invitation: live },
      headers: { "x-cabinet-brand": "other-oidc" },
    });
    expect(elsewhere.status).toBe(410);
    expect(await t.cabinet.db("users").whereIn("email", ["revoked-oidc@example.org", "other-brand-oidc@example.org"])).toEqual([]);
  });

  it("an invitation used between the start and the callback sends the page back an error, and makes no login", async () => {
    const owner = await t.signUp();
    const invitation = await invite(owner, "raced-oidc@example.org");
    const back = await roundTrip("oidc-raced", { invitation }, {}, async () => {
      expect(
        (await t.request("POST", "/api/v1/invitations/accept", { body: { token: invitation, name: "Quick", password: "a long enough password" } })).status,
      ).toBe(200);
    });
    expect(back.fragment!.get("cabinet-invitation-error")).toBe("CAB_ERR_INVITATION_INVALID");
    expect(await t.cabinet.db("external_identities").where({ email: "oidc-raced@issuer.example" })).toEqual([]);
  });
});
