import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { fill, find, hasPart, me, mount, shows, submit, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-settings.js";

const member = me({ finance: ["view"] });

describe("<cab-settings>", () => {
  afterEach(unmount);

  it("shows nothing while the session is read (the page keeps its room), then the three forms filled from /me", async () => {
    const session = held();
    const { element } = await mount("cab-settings", { "GET /auth/session": session.answer });
    await element.updateComplete;
    expect(textOf(element).trim()).toBe("");
    session.release(json(200, { signedIn: true, me: me() }));
    await hasPart(element, "profile");
    expect(find<HTMLInputElement>(element, "#name")!.value).toBe("Ann");
    expect(find(element, '[part~="email"]')).not.toBeNull();
    expect(find(element, '[part~="password"]')).not.toBeNull();
  });

  it("asks a visitor to sign in", async () => {
    const { element } = await mount("cab-settings", {}, { who: null });
    await hasPart(element, "signed-out");
    expect(find(element, '[part~="profile"]')).toBeNull();
  });

  it("offers the account's language to the owner only", async () => {
    const owner = await mount("cab-settings", {});
    await hasPart(owner.element, "profile");
    expect(find(owner.element, "#accountLocale")).not.toBeNull();
    const { element } = await mount("cab-settings", {}, { who: member });
    await hasPart(element, "profile");
    expect(find(element, "#accountLocale")).toBeNull();
  });

  it("says the server's refusal next to the profile form, and nothing next to the others", async () => {
    const { element } = await mount("cab-settings", { "PATCH /me": apiError(422, "CAB_ERR_VALIDATION", "Invalid", { errors: [{ path: "/phone" }] }) });
    await hasPart(element, "profile");
    fill(element, "Phone", "not a phone", '[part~="profile"]');
    submit(element, '[part~="profile"]');
    await expect.poll(() => find(element, '[part~="profile"] [part~="error"]')?.textContent).toContain("Some of the data is not valid.");
    expect(find(element, '[part~="password"] [part~="error"]')).toBeNull();
    expect(find(element, '[part~="done"]')).toBeNull();
  });

  it("saves the profile and says so", async () => {
    const saved = me();
    saved.user.name = "Ann Other";
    const { element, api } = await mount("cab-settings", { "PATCH /me": json(200, saved) });
    await hasPart(element, "profile");
    fill(element, "Name", "Ann Other", '[part~="profile"]');
    submit(element, '[part~="profile"]');
    await expect.poll(() => find(element, '[part~="profile"] [part~="done"]')?.textContent).toBe("Saved.");
    expect(JSON.parse(String(api.callsTo("PATCH /me")[0].init.body))).toMatchObject({ name: "Ann Other", locale: "en", timezone: "UTC", rowsPerPage: 20 });
  });

  it("changes the password with the current one, says how many other sessions ended, and empties the form", async () => {
    const { element, api } = await mount("cab-settings", { "POST /me/password": json(200, { ended: 2 }) });
    await hasPart(element, "password");
    fill(element, "Current password", "old secret", '[part~="password"]');
    fill(element, "New password", "new secret 123", '[part~="password"]');
    submit(element, '[part~="password"]');
    await shows(element, "Password changed. 2 other sessions were ended.");
    expect(JSON.parse(String(api.callsTo("POST /me/password")[0].init.body))).toEqual({ newPassword: "new secret 123", password: "old secret" });
    expect(find<HTMLInputElement>(element, "#newPassword")!.value).toBe("");
    expect(textOf(element)).not.toContain("not valid");
  });
});
