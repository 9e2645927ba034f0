import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addServices, DAY } from "../support/billing-helpers.js";
import { addRoleMember, expectRefused } from "../support/access-helpers.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const tokenOf = (link: string) => new URL(link).searchParams.get("invitation")!;
const invite = (owner: { token: string }, email: string, roles = ["accountant"], serviceIds: string[] | null = null) =>
  t.request("POST", "/api/v1/users/invitations", { token: owner.token, body: { email, roles, serviceIds, password: "correct horse battery" } });
const acceptAsNew = (token: string, email = "x", headers: Record<string, string> = {}) =>
  t.request("POST", "/api/v1/invitations/accept", { body: { token, name: `New ${email}`, password: "a long new password", mode: "bearer" }, headers });

describe("invitations", () => {
  it("the owner invites by e-mail; the invitee creates a login, holds the roles, and the link works once", async () => {
    const owner = await t.signUp();
    const sent = await invite(owner, "Accountant@Example.org");
    expect(sent.status).toBe(201);
    expect(sent.body.invitation).toMatchObject({ email: "accountant@example.org", roles: ["accountant"], status: "pending" });
    const token = tokenOf(sent.body.link);
    const preview = await t.request("GET", `/api/v1/invitations/${token}`);
    expect(preview.body).toMatchObject({ email: "accountant@example.org", accountName: "Test Client" });

    const accepted = await acceptAsNew(token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.accountId).toBe(owner.accountId);
    const me = await t.request("GET", "/api/v1/me", { token: accepted.body.token });
    expect(me.body.user).toMatchObject({ email: "accountant@example.org", role: "member", roles: ["accountant"] });
    expect(me.body.account.id).toBe(owner.accountId);

    expectRefused(await acceptAsNew(token), 410, "CAB_ERR_INVITATION_INVALID");
    expectRefused(await t.request("GET", `/api/v1/invitations/${token}`), 410, "CAB_ERR_INVITATION_INVALID");
    expect((await t.request("GET", "/api/v1/users/invitations", { token: owner.token })).body.items[0].status).toBe("accepted");
    const audit = await t.request("GET", "/api/v1/audit?action=user.", { token: owner.token });
    expect(audit.body.items.map((e: { action: string }) => e.action).filter((a: string) => a !== "user.signed_in")).toEqual(["user.joined", "user.invited"]);
    // The invited user is a member: owner-only endpoints are refused.
    for (const [method, path] of [
      ["GET", "/users"],
      ["POST", "/users/invitations"],
      ["GET", "/roles"],
      ["DELETE", `/users/${owner.userId}`],
    ] as const) {
      expectRefused(
        await t.request(method, `/api/v1${path}`, {
          token: accepted.body.token,
          body: method === "POST" ? { email: "y@example.org", roles: ["viewer"], serviceIds: null } : undefined,
        }),
        403,
        "CAB_ERR_OWNER_ONLY",
      );
    }
  });

  it("a person with a login of the brand accepts signed in and then belongs to two accounts", async () => {
    const owner = await t.signUp();
    const agency = await t.signUp();
    const sent = await invite(owner, agency.email, ["sysadmin"]);
    const accepted = await t.request("POST", "/api/v1/invitations/accept", { token: agency.token, body: { token: tokenOf(sent.body.link) } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ accountId: owner.accountId, userId: agency.userId, token: null });
    const users = await t.request("GET", "/api/v1/users", { token: owner.token });
    expect(users.body.items.map((u: { id: string; roles: string[] }) => [u.id, u.roles])).toEqual([
      [owner.userId, []],
      [agency.userId, ["sysadmin"]],
    ]);
    // Inviting them again is a conflict: they are a user already.
    expectRefused(await invite(owner, agency.email), 409, "CAB_ERR_CONFLICT");
  });

  it("an expired, revoked, resent-over or made-up link is refused with 410, and nothing is written", async () => {
    const owner = await t.signUp();
    const expired = tokenOf((await invite(owner, "late@example.org")).body.link);
    t.clock.advance(7 * DAY + 1);
    expectRefused(await acceptAsNew(expired, "late"), 410, "CAB_ERR_INVITATION_INVALID");

    const revokedSent = await invite(owner, "revoked@example.org");
    expect((await t.request("POST", `/api/v1/users/invitations/${revokedSent.body.invitation.id}/revoke`, { token: owner.token })).status).toBe(204);
    expectRefused(await acceptAsNew(tokenOf(revokedSent.body.link), "revoked"), 410, "CAB_ERR_INVITATION_INVALID");
    expectRefused(
      await t.request("POST", `/api/v1/users/invitations/${revokedSent.body.invitation.id}/resend`, { token: owner.token }),
      410,
      "CAB_ERR_INVITATION_INVALID",
    );

    const first = await invite(owner, "resent@example.org");
    const resent = await t.request("POST", `/api/v1/users/invitations/${first.body.invitation.id}/resend`, { token: owner.token });
    expect(resent.status).toBe(200);
    expectRefused(await acceptAsNew(tokenOf(first.body.link), "old"), 410, "CAB_ERR_INVITATION_INVALID");
    expectRefused(await acceptAsNew(`cabi_${"x".repeat(43)}`, "fake"), 410, "CAB_ERR_INVITATION_INVALID");
    expect(
      await t.cabinet
        .db("users")
        .whereIn("email", ["late@example.org", "revoked@example.org", "resent@example.org"])
        .count({ n: "*" })
        .then((r) => Number(r[0].n)),
    ).toBe(0);
    expect((await acceptAsNew(tokenOf(resent.body.link), "resent")).status).toBe(200);
  });

  it("an invitation of another brand is refused there", async () => {
    const owner = await t.signUp();
    await addBrand(t, "elsewhere");
    const token = tokenOf((await invite(owner, "cross@example.org")).body.link);
    expectRefused(await acceptAsNew(token, "cross", { "x-cabinet-brand": "elsewhere" }), 410, "CAB_ERR_INVITATION_INVALID");
    expectRefused(await t.request("GET", `/api/v1/invitations/${token}`, { headers: { "x-cabinet-brand": "elsewhere" } }), 410, "CAB_ERR_INVITATION_INVALID");
  });

  it("refuses an invitation without roles, or with another account's service", async () => {
    const owner = await t.signUp();
    const other = await t.signUp();
    const [foreign] = await addServices(t, other.accountId, [{ label: "x", paidUntil: t.clock.now() + DAY }]);
    expectRefused(await invite(owner, "noroles@example.org", []), 400, "CAB_ERR_VALIDATION");
    expectRefused(await invite(owner, "scoped@example.org", ["sysadmin"], [foreign]), 404, "CAB_ERR_NOT_FOUND");
    expect((await t.request("GET", "/api/v1/users/invitations", { token: owner.token })).body.items).toEqual([]);
  });
});

describe("users the owner creates", () => {
  it("must change the handed-over password before anything else", async () => {
    const owner = await t.signUp();
    const created = await t.request("POST", "/api/v1/users", {
      token: owner.token,
      body: {
        email: "handed@example.org",
        name: "Handed",
        password: "handed over password",
        currentPassword: "correct horse battery",
        roles: ["viewer"],
        serviceIds: null,
      },
    });
    expect(created.status).toBe(201);
    const signIn = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "handed@example.org", password: "handed over password", mode: "bearer" } });
    const token = signIn.body.token;
    expect(signIn.body.user.mustChangePassword).toBe(true);
    expectRefused(await t.request("GET", "/api/v1/services", { token }), 403, "CAB_ERR_PASSWORD_CHANGE_REQUIRED");
    expect((await t.request("GET", "/api/v1/me", { token })).status).toBe(200);
    expectRefused(
      await t.request("POST", "/api/v1/me/password", { token, body: { password: "wrong password!", newPassword: "my very own password" } }),
      403,
      "CAB_ERR_REAUTH_FAILED",
    );
    expect(
      (await t.request("POST", "/api/v1/me/password", { token, body: { password: "handed over password", newPassword: "my very own password" } })).status,
    ).toBe(200);
    expect((await t.request("GET", "/api/v1/services", { token })).status).toBe(200);
    expectRefused(
      await t.request("POST", "/api/v1/users", {
        token: owner.token,
        body: {
          email: "HANDED@example.org",
          name: "Again",
          password: "handed over password",
          currentPassword: "correct horse battery",
          roles: ["viewer"],
          serviceIds: null,
        },
      }),
      409,
      "CAB_ERR_EMAIL_TAKEN",
    );
  });
});

describe("disable, remove, ownership", () => {
  it("disabling or removing a user ends their sessions at once; the owner cannot remove themself", async () => {
    const owner = await t.signUp();
    const member = await addRoleMember(t, owner, ["viewer"]);
    expect((await t.request("PUT", `/api/v1/users/${member.userId}/status`, { token: owner.token, body: { status: "suspended" } })).status).toBe(204);
    expectRefused(await t.request("GET", "/api/v1/me", { token: member.token }), 401, "CAB_ERR_UNAUTHENTICATED");
    expect((await t.request("PUT", `/api/v1/users/${member.userId}/status`, { token: owner.token, body: { status: "active" } })).status).toBe(204);
    const again = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: member.email, password: "member password", mode: "bearer" } });
    expect(again.status).toBe(200);
    expect((await t.request("DELETE", `/api/v1/users/${member.userId}`, { token: owner.token })).status).toBe(204);
    expectRefused(await t.request("GET", "/api/v1/me", { token: again.body.token }), 401, "CAB_ERR_UNAUTHENTICATED");
    expect((await t.request("GET", "/api/v1/users", { token: owner.token })).body.items.map((u: { id: string }) => u.id)).toEqual([owner.userId]);
    expectRefused(await t.request("DELETE", `/api/v1/users/${owner.userId}`, { token: owner.token }), 409, "CAB_ERR_CONFLICT");
    expectRefused(await t.request("PUT", `/api/v1/users/${owner.userId}/role`, { token: owner.token, body: { role: "member" } }), 409, "CAB_ERR_LAST_OWNER");
    expect((await t.request("GET", "/api/v1/me", { token: owner.token })).body.user.role).toBe("owner");
  });

  it("transfers ownership only after the password, and the former owner becomes a member", async () => {
    const owner = await t.signUp();
    const member = await addRoleMember(t, owner, ["viewer"]);
    const transfer = (password?: string) =>
      t.request("PUT", `/api/v1/users/${member.userId}/role`, { token: owner.token, body: { role: "owner", transfer: true, ...(password && { password }) } });
    expectRefused(await transfer(), 403, "CAB_ERR_REAUTH_FAILED");
    expectRefused(await transfer("not my password"), 403, "CAB_ERR_REAUTH_FAILED");
    expect((await transfer("correct horse battery")).status).toBe(204);
    expect((await t.request("GET", "/api/v1/me", { token: member.token })).body.user.role).toBe("owner");
    expect((await t.request("GET", "/api/v1/me", { token: owner.token })).body.user.role).toBe("member");
    expectRefused(await t.request("GET", "/api/v1/users", { token: owner.token }), 403, "CAB_ERR_OWNER_ONLY");
    const audit = await t.request("GET", "/api/v1/audit?action=user.ownership_transferred", { token: member.token });
    expect(audit.body.items).toHaveLength(1);
  });

  it("two owners demoting each other at once leave the account with one owner", async () => {
    const a = await t.signUp();
    const b = await addRoleMember(t, a, ["viewer"]);
    expect(
      (await t.request("PUT", `/api/v1/users/${b.userId}/role`, { token: a.token, body: { role: "owner", password: "correct horse battery" } })).status,
    ).toBe(204);
    const [ab, ba] = await Promise.all([
      t.request("PUT", `/api/v1/users/${b.userId}/role`, { token: a.token, body: { role: "member" } }),
      t.request("PUT", `/api/v1/users/${a.userId}/role`, { token: b.token, body: { role: "member" } }),
    ]);
    expect([ab.status, ba.status].sort()).toEqual([204, 403]);
    const refused = ab.status === 403 ? ab : ba;
    expect(refused.body.error.code).toBe("CAB_ERR_OWNER_ONLY");
    const home = await t.cabinet.db("users").whereIn("id", [a.userId, b.userId]).select("id", "role");
    expect(home.filter((u) => u.role === "owner")).toHaveLength(1);
  });
});
