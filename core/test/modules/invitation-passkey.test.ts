import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY } from "../support/billing-helpers.js";
import { expectRefused } from "../support/access-helpers.js";
import { SoftwareAuthenticator } from "../support/software-authenticator.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

// An invitee creates their login with a passkey instead of a password. The authenticator is a
// software one (the same ceremony runs in Chromium's virtual authenticator in e2e/access.spec.ts).

let t: TestCabinet;
let origin: string;
beforeAll(async () => {
  t = await startTestCabinet();
  // No Origin header: the ceremony's relying party is the core's own public URL.
  origin = `http://localhost:${new URL(t.url).port}`;
});
afterAll(() => t.close());

const tokenOf = (link: string) => new URL(link).searchParams.get("invitation")!;
async function invite(owner: { token: string }, email: string, roles = ["accountant"]) {
  const sent = await t.request("POST", "/api/v1/users/invitations", {
    token: owner.token,
    body: { email, roles, serviceIds: null, password: "correct horse battery" },
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return { token: tokenOf(sent.body.link), id: sent.body.invitation.id as string };
}
const options = (token: string, mode: "cookie" | "bearer" = "bearer", headers: Record<string, string> = {}) =>
  t.request("POST", "/api/v1/invitations/passkey/options", { body: { token, name: "Pat Passkey", mode }, headers });
const finish = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request("POST", "/api/v1/invitations/passkey", { body: { name: "Pat Passkey", passkeyName: "Laptop", ...body }, headers });
const countUsers = (email: string) =>
  t.cabinet
    .db("users")
    .where({ email })
    .count({ n: "*" })
    .then((r) => Number(r[0].n));
const countPasskeys = () =>
  t.cabinet
    .db("passkeys")
    .count({ n: "*" })
    .then((r) => Number(r[0].n));

describe("accepting an invitation with a passkey", () => {
  it("creates a login with the passkey and no password, in the inviting account with the invitation's roles, signed in; it then signs in with the passkey", async () => {
    const owner = await t.signUp();
    const { token } = await invite(owner, "Pat@Example.org", ["accountant", "viewer"]);
    const started = await options(token);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.ceremony).toMatch(/^cabw_/);
    expect(started.body.options.user).toMatchObject({ name: "pat@example.org", displayName: "Pat Passkey" });
    expect(started.body.options.authenticatorSelection.residentKey).toBe("required");

    const device = new SoftwareAuthenticator(origin);
    const accepted = await finish({ token, ceremony: started.body.ceremony, response: device.register(started.body.options) });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.accountId).toBe(owner.accountId);
    const me = await t.request("GET", "/api/v1/me", { token: accepted.body.token });
    expect(me.body.user).toMatchObject({ email: "pat@example.org", name: "Pat Passkey", role: "member", roles: ["accountant", "viewer"] });
    expect(me.body.account.id).toBe(owner.accountId);
    const passkeys = await t.request("GET", "/api/v1/me/passkeys", { token: accepted.body.token });
    expect(passkeys.body.items.map((p: { name: string }) => p.name)).toEqual(["Laptop"]);
    expect((await t.cabinet.db("users").where({ email: "pat@example.org" }).first()).password_hash).toBeNull();
    // The last way in stays: the passkey cannot be removed.
    expectRefused(
      await t.request("DELETE", `/api/v1/me/passkeys/${passkeys.body.items[0].id}`, { token: accepted.body.token }),
      409,
      "CAB_ERR_LAST_SIGN_IN_METHOD",
    );
    const audit = await t.request("GET", "/api/v1/audit?action=user.joined", { token: owner.token });
    expect(audit.body.items[0].details).toMatchObject({ email: "pat@example.org", newLogin: true, via: "passkey", roles: ["accountant", "viewer"] });

    // A later sign-in with the same passkey.
    const signIn = await t.request("POST", "/api/v1/auth/passkey/options", { body: { mode: "bearer" } });
    const signedIn = await t.request("POST", "/api/v1/auth/passkey", {
      body: { ceremony: signIn.body.ceremony, response: device.assert(signIn.body.options) },
    });
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
    expect(signedIn.body.user.email).toBe("pat@example.org");
    expect(signedIn.body.account.id).toBe(owner.accountId);

    // The link is spent: a second acceptance, even with a fresh ceremony, is refused (410) before anything.
    expectRefused(await options(token), 410, "CAB_ERR_INVITATION_INVALID");
    expectRefused(
      await finish({ token, ceremony: started.body.ceremony, response: new SoftwareAuthenticator(origin).register(started.body.options) }),
      410,
      "CAB_ERR_INVITATION_INVALID",
    );
    expect(await countUsers("pat@example.org")).toBe(1);
  });

  it("signs in with a cookie when the options call asked for one", async () => {
    const owner = await t.signUp();
    const { token } = await invite(owner, "cookie@example.org");
    const started = await options(token, "cookie");
    const accepted = await finish({ token, ceremony: started.body.ceremony, response: new SoftwareAuthenticator(origin).register(started.body.options) });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.token).toBeNull();
    const cookie = accepted.headers.get("set-cookie")!.split(";")[0];
    const me = await t.request("GET", "/api/v1/me", { cookie });
    expect(me.body.user.email).toBe("cookie@example.org");
  });

  it("an invitation that expired, was revoked or used meanwhile between the two calls is refused with 410, and nothing is written", async () => {
    const owner = await t.signUp();
    const passkeysBefore = await countPasskeys();

    const late = await invite(owner, "late-pk@example.org");
    const lateStart = await options(late.token);
    t.clock.advance(7 * DAY + 1);
    expectRefused(
      await finish({ token: late.token, ceremony: lateStart.body.ceremony, response: new SoftwareAuthenticator(origin).register(lateStart.body.options) }),
      410,
      "CAB_ERR_INVITATION_INVALID",
    );
    expectRefused(await options(late.token), 410, "CAB_ERR_INVITATION_INVALID");

    const revoked = await invite(owner, "revoked-pk@example.org");
    const revokedStart = await options(revoked.token);
    expect((await t.request("POST", `/api/v1/users/invitations/${revoked.id}/revoke`, { token: owner.token })).status).toBe(204);
    expectRefused(
      await finish({
        token: revoked.token,
        ceremony: revokedStart.body.ceremony,
        response: new SoftwareAuthenticator(origin).register(revokedStart.body.options),
      }),
      410,
      "CAB_ERR_INVITATION_INVALID",
    );

    // Two ceremonies for one link, finished at once: one login, one passkey; the other is refused.
    const raced = await invite(owner, "raced-pk@example.org");
    const [a, b] = [await options(raced.token), await options(raced.token)];
    const answers = await Promise.all(
      [a, b].map((s) => finish({ token: raced.token, ceremony: s.body.ceremony, response: new SoftwareAuthenticator(origin).register(s.body.options) })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 410]);
    expect(answers.find((r) => r.status === 410)!.body.error.code).toBe("CAB_ERR_INVITATION_INVALID");

    expect(await countUsers("late-pk@example.org")).toBe(0);
    expect(await countUsers("revoked-pk@example.org")).toBe(0);
    expect(await countUsers("raced-pk@example.org")).toBe(1);
    expect(await countPasskeys()).toBe(passkeysBefore + 1);
  });

  it("refuses a forged answer, a replayed ceremony, another brand's link and an e-mail that has a login, writing nothing", async () => {
    const owner = await t.signUp();
    const passkeysBefore = await countPasskeys();
    const { token } = await invite(owner, "forged-pk@example.org");
    const started = await options(token);
    const genuine = new SoftwareAuthenticator(origin).register(started.body.options);
    const forged = { ...genuine, response: { ...genuine.response, attestationObject: Buffer.from("nope").toString("base64url") } };
    expectRefused(await finish({ token, ceremony: started.body.ceremony, response: forged }), 401, "CAB_ERR_PASSKEY_INVALID");
    // The ceremony was spent by that answer: the genuine one needs a new ceremony.
    expectRefused(await finish({ token, ceremony: started.body.ceremony, response: genuine }), 401, "CAB_ERR_PASSKEY_INVALID");
    // An answer signed for another site (origin) is refused.
    const other = await options(token);
    expectRefused(
      await finish({ token, ceremony: other.body.ceremony, response: new SoftwareAuthenticator("https://evil.example").register(other.body.options) }),
      401,
      "CAB_ERR_PASSKEY_INVALID",
    );
    // A ceremony of adding a passkey in settings is not one of an invitation.
    const client = await t.signUp();
    const settings = await t.request("POST", "/api/v1/me/passkeys/registration-options", { token: client.token, body: { password: "correct horse battery" } });
    expectRefused(
      await finish({ token, ceremony: settings.body.ceremony, response: new SoftwareAuthenticator(origin).register(settings.body.options) }),
      401,
      "CAB_ERR_PASSKEY_INVALID",
    );
    // Malformed bodies never reach the verifier.
    expect((await finish({ token, ceremony: other.body.ceremony, response: genuine, name: "" })).status).toBe(400);
    expect((await t.request("POST", "/api/v1/invitations/passkey/options", { body: { token } })).status).toBe(400);

    await addBrand(t, "elsewhere-pk");
    expectRefused(await options(token, "bearer", { "x-cabinet-brand": "elsewhere-pk" }), 410, "CAB_ERR_INVITATION_INVALID");

    // An invitation to an e-mail that has a login already: sign in, then accept.
    const taken = await invite(owner, client.email);
    const takenStart = await options(taken.token);
    expectRefused(
      await finish({ token: taken.token, ceremony: takenStart.body.ceremony, response: new SoftwareAuthenticator(origin).register(takenStart.body.options) }),
      409,
      "CAB_ERR_EMAIL_TAKEN",
    );
    expect(
      (await t.request("GET", "/api/v1/users/invitations", { token: owner.token })).body.items.find((i: { email: string }) => i.email === client.email).status,
    ).toBe("pending");

    expect(await countUsers("forged-pk@example.org")).toBe(0);
    expect(await countPasskeys()).toBe(passkeysBefore);
    // And the genuine device, with a fresh ceremony, still can.
    const again = await options(token);
    expect((await finish({ token, ceremony: again.body.ceremony, response: new SoftwareAuthenticator(origin).register(again.body.options) })).status).toBe(200);
  });
});
