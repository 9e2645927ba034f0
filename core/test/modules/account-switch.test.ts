import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addServices, DAY } from "../support/billing-helpers.js";
import { expectRefused } from "../support/access-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const tokenOf = (link: string) => new URL(link).searchParams.get("invitation")!;

describe("one person, several accounts", () => {
  it("switches between their accounts without signing in again; the session acts in the chosen one", async () => {
    const client = await t.signUp();
    const agency = await t.signUp();
    const [clientService] = await addServices(t, client.accountId, [{ label: "client's", paidUntil: t.clock.now() + DAY }]);
    const [agencyService] = await addServices(t, agency.accountId, [{ label: "agency's", paidUntil: t.clock.now() + DAY }]);
    const sent = await t.request("POST", "/api/v1/users/invitations", {
      token: client.token,
      body: { email: agency.email, roles: ["sysadmin"], serviceIds: null, password: "correct horse battery" },
    });
    expect((await t.request("POST", "/api/v1/invitations/accept", { token: agency.token, body: { token: tokenOf(sent.body.link) } })).status).toBe(200);

    const accounts = await t.request("GET", "/api/v1/me/accounts", { token: agency.token });
    expect(accounts.body.items.map((a: { id: string; role: string; current: boolean }) => [a.id, a.role, a.current])).toEqual([
      [agency.accountId, "owner", true],
      [client.accountId, "member", false],
    ]);
    const ids = async () => (await t.request("GET", "/api/v1/services", { token: agency.token })).body.items.map((s: { id: string }) => s.id);
    expect(await ids()).toEqual([agencyService]);

    expect((await t.request("PUT", "/api/v1/me/account", { token: agency.token, body: { accountId: client.accountId } })).status).toBe(204);
    const me = await t.request("GET", "/api/v1/me", { token: agency.token });
    expect(me.body.account.id).toBe(client.accountId);
    expect(me.body.user).toMatchObject({ role: "member", roles: ["sysadmin"] });
    expect(await ids()).toEqual([clientService]);
    // A member there: the owner's endpoints are not theirs in this account.
    expectRefused(await t.request("GET", "/api/v1/users", { token: agency.token }), 403, "CAB_ERR_OWNER_ONLY");
    expect((await t.cabinet.db("sessions").where({ user_id: agency.userId }).whereNull("revoked_at").first()).account_id).toBe(client.accountId);

    expect((await t.request("PUT", "/api/v1/me/account", { token: agency.token, body: { accountId: agency.accountId } })).status).toBe(204);
    expect(await ids()).toEqual([agencyService]);
    const audit = await t.request("GET", "/api/v1/audit?action=user.switched_account", { token: client.token });
    expect(audit.body.items).toHaveLength(1);
  });

  it("refuses a switch to an account the person does not belong to, or was disabled in, and stays where it was", async () => {
    const a = await t.signUp();
    const stranger = await t.signUp();
    expectRefused(await t.request("PUT", "/api/v1/me/account", { token: a.token, body: { accountId: stranger.accountId } }), 403, "CAB_ERR_NOT_A_MEMBER");
    expectRefused(await t.request("PUT", "/api/v1/me/account", { token: a.token, body: { accountId: "acc_0000000000000000" } }), 403, "CAB_ERR_NOT_A_MEMBER");
    expectRefused(await t.request("PUT", "/api/v1/me/account", { token: a.token, body: { accountId: "not-an-id" } }), 400, "CAB_ERR_VALIDATION");
    expect((await t.request("GET", "/api/v1/me", { token: a.token })).body.account.id).toBe(a.accountId);

    const sent = await t.request("POST", "/api/v1/users/invitations", {
      token: stranger.token,
      body: { email: a.email, roles: ["viewer"], serviceIds: null, password: "correct horse battery" },
    });
    await t.request("POST", "/api/v1/invitations/accept", { token: a.token, body: { token: tokenOf(sent.body.link) } });
    expect((await t.request("PUT", "/api/v1/me/account", { token: a.token, body: { accountId: stranger.accountId } })).status).toBe(204);
    // Disabled there while switched in: the session stops working at once, and cannot switch back in.
    expect((await t.request("PUT", `/api/v1/users/${a.userId}/status`, { token: stranger.token, body: { status: "suspended" } })).status).toBe(204);
    expectRefused(await t.request("GET", "/api/v1/me", { token: a.token }), 401, "CAB_ERR_UNAUTHENTICATED");
    const again = await t.request("POST", "/api/v1/auth/sign-in", { body: { email: a.email, password: "correct horse battery", mode: "bearer" } });
    expect(again.body.account.id).toBe(a.accountId);
    expectRefused(
      await t.request("PUT", "/api/v1/me/account", { token: again.body.token, body: { accountId: stranger.accountId } }),
      403,
      "CAB_ERR_NOT_A_MEMBER",
    );
  });
});
