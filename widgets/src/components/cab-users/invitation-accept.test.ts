import { afterEach, describe, expect, it } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { me, mount, shows, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-users.js";

// <cab-users>'s invitation view (invitation-accept.ts), on the page an invitation link opens.

const token = `cabi_${"A".repeat(43)}`;
const preview = json(200, { email: "kim@example.test", accountName: "Inviting Co", expiresAt: "2099-01-01T00:00:00.000Z" });
const providers = json(200, { items: [{ id: "test-idp", label: "Test IdP" }] });

/** The page's address as the link (and, back from a provider, the core's callback) leave it. */
function open(fragment = ""): void {
  history.replaceState(null, "", `${location.pathname}?invitation=${token}${fragment}`);
}

describe("<cab-users> on an invitation link", () => {
  afterEach(() => {
    unmount();
    history.replaceState(null, "", location.pathname);
  });

  it("offers a visitor every way to accept: a password, a passkey, and each of the brand's providers", async () => {
    open();
    const { element } = await mount("cab-users", { [`GET /invitations/${token}`]: preview, "GET /auth/external/providers": providers }, { who: null });
    await shows(element, "You are invited to the account “Inviting Co” as kim@example.test.");
    await shows(element, "Continue with Test IdP");
    expect(textOf(element)).toContain("Accept and create the login");
    expect(textOf(element)).toContain("Create with a passkey");
  });

  it("back from the provider, trades the invitation's code for the session, opens the inviting account and says so; the link leaves the address", async () => {
    open("#cabinet-invitation=one-time-code&cabinet-invitation-account=acc_2");
    const home = me();
    const invited = { ...home, account: { ...home.account, id: "acc_2", name: "Inviting Co" } };
    const { element, api } = await mount(
      "cab-users",
      {
        "POST /auth/external/exchange": json(200, { ...home, token: null }),
        "PUT /me/account": new Response(null, { status: 204 }),
        "GET /me": json(200, invited),
        "GET /auth/external/providers": providers,
      },
      { who: null },
    );
    await shows(element, "You now have access to “Inviting Co”.");
    expect(JSON.parse(String(api.callsTo("POST /auth/external/exchange")[0].init.body))).toEqual({ code: "one-time-code" });
    expect(JSON.parse(String(api.callsTo("PUT /me/account")[0].init.body))).toEqual({ accountId: "acc_2" });
    // The spent link is not peeked at, and neither the code nor the link stays in the address.
    expect(api.callsTo(`GET /invitations/${token}`)).toEqual([]);
    expect(location.hash).toBe("");
    expect(new URLSearchParams(location.search).get("invitation")).toBeNull();
  });

  it("back from the provider with an error, says it and shows the invitation as it now is", async () => {
    open("#cabinet-invitation-error=CAB_ERR_EXTERNAL_IDENTITY_TAKEN");
    const { element } = await mount("cab-users", { [`GET /invitations/${token}`]: preview, "GET /auth/external/providers": providers }, { who: null });
    await shows(element, "That account at the provider is already linked to another login.");
    await shows(element, "You are invited to the account “Inviting Co” as kim@example.test.");
    expect(location.hash).toBe("");
  });
});
