import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { clickButton, failsThenRetries, fill, find, hasPart, mount, shows, submit, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-security.js";

const off = { enabled: false, required: false, recoveryCodesLeft: 0 };
const session = (id: string, current: boolean) => ({
  id,
  current,
  ip: "203.0.113.9",
  device: { browser: current ? "Firefox" : "Chrome", os: "Linux" },
  createdAt: "2026-01-01T00:00:00.000Z",
  lastSeenAt: "2026-01-02T00:00:00.000Z",
});
const routes = {
  "GET /me/two-factor": json(200, off),
  "GET /me/sessions": json(200, { items: [session("ses_1", true), session("ses_2", false)] }),
  "GET /me/passkeys": json(200, { items: [] }),
};

describe("<cab-security>", () => {
  afterEach(unmount);

  it("says it is loading, then shows two-step verification, the passkeys and the sessions", async () => {
    const answer = held();
    const { element } = await mount("cab-security", { ...routes, "GET /me/sessions": answer.answer });
    await shows(element, "Loading");
    expect(find(element, '[part~="two-factor"]')).toBeNull();
    answer.release(json(200, { items: [session("ses_1", true), session("ses_2", false)] }));
    await hasPart(element, "sessions");
    const text = textOf(element);
    expect(text).toContain("Off: only your password protects the account.");
    expect(text).toContain("This device");
    expect(text).toContain("Chrome · Linux");
  });

  it("says when there are no passkeys, and offers no 'sign out everywhere else' with one session", async () => {
    const { element } = await mount("cab-security", { ...routes, "GET /me/sessions": json(200, { items: [session("ses_1", true)] }) });
    await shows(element, "No passkeys yet.");
    expect(textOf(element)).not.toContain("Sign out everywhere else");
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount("cab-security", { ...routes, "GET /me/two-factor": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, off)] });
    await failsThenRetries(element, api, "GET /me/two-factor", "This device");
  });

  it("asks a visitor to sign in, and asks nothing", async () => {
    const { element, api } = await mount("cab-security", routes, { who: null });
    await hasPart(element, "signed-out");
    expect(api.callsTo("GET /me/two-factor")).toHaveLength(0);
  });

  it("keeps 'Turn off' from a user whose provider requires two-step verification", async () => {
    const { element } = await mount("cab-security", { ...routes, "GET /me/two-factor": json(200, { enabled: true, required: true, recoveryCodesLeft: 8 }) });
    await shows(element, "Your provider requires two-step verification.");
    expect(textOf(element)).not.toContain("Turn off");
    expect(textOf(element)).toContain("New recovery codes");
  });

  it("says a wrong password when turning two-step verification on, and stays on the password step", async () => {
    const { element } = await mount("cab-security", { ...routes, "POST /me/two-factor/setup": apiError(403, "CAB_ERR_REAUTH_FAILED", "Wrong password") });
    await hasPart(element, "two-factor");
    clickButton(element, "Turn on");
    await expect.poll(() => find(element, "#reauth-password")).not.toBeNull();
    fill(element, "Current password", "wrong", '[part~="two-factor"]');
    submit(element, '[part~="two-factor"]');
    await shows(element, "The current password or code is not right.");
    expect(find(element, '[part~="error"]')!.getAttribute("role")).toBe("alert");
    expect(find(element, "#reauth-password")).not.toBeNull();
    expect(find(element, '[part~="qr"]')).toBeNull();
  });

  it("signs out every other session and says how many ended", async () => {
    const { element, api } = await mount("cab-security", {
      ...routes,
      "GET /me/sessions": [json(200, { items: [session("ses_1", true), session("ses_2", false)] }), json(200, { items: [session("ses_1", true)] })],
      "POST /me/sessions/end-others": json(200, { ended: 1 }),
    });
    await hasPart(element, "sessions");
    clickButton(element, "Sign out everywhere else");
    await shows(element, "1 session ended.");
    expect(api.callsTo("POST /me/sessions/end-others")).toHaveLength(1);
    expect(find(element, '[data-session="ses_2"]')).toBeNull();
  });
});
