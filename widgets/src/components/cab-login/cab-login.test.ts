import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { clickButton, find, hasPart, me, mount, shows, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-login.js";

const noProviders = { "GET /auth/external/providers": json(200, { items: [] }) };

/** Fills the fields by id (the form reads them through FormData when submitted). */
function type(element: HTMLElement, values: Record<string, string>): void {
  for (const [id, value] of Object.entries(values)) find<HTMLInputElement>(element, `#${id}`)!.value = value;
}

describe("<cab-login>", () => {
  afterEach(unmount);

  it("says it is loading while the session is read, then offers the form to a visitor", async () => {
    const session = held();
    const { element } = await mount("cab-login", { ...noProviders, "GET /auth/session": session.answer });
    await shows(element, "Loading");
    session.release(json(200, { signedIn: false, me: null }));
    await hasPart(element, "form");
    expect(textOf(element)).toContain("Sign in to your account");
  });

  it("names the signed-in user instead of the form", async () => {
    const { element } = await mount("cab-login", noProviders);
    await shows(element, "Signed in as Ann");
    expect(find(element, '[part~="form"]')).toBeNull();
  });

  it("says a wrong password next to the form, and marks the fields", async () => {
    const { element } = await mount(
      "cab-login",
      { ...noProviders, "POST /auth/sign-in": apiError(401, "CAB_ERR_INVALID_CREDENTIALS", "Wrong") },
      { who: null },
    );
    await hasPart(element, "form");
    type(element, { email: "ann@example.test", password: "nope" });
    find<HTMLFormElement>(element, '[part~="form"]')!.requestSubmit();
    await shows(element, "The e-mail or the password is wrong.");
    expect(find(element, '[role="alert"]')).not.toBeNull();
    expect(find(element, "#password")!.getAttribute("aria-invalid")).toBe("true");
  });

  it("signs in, tells the page, and names the user", async () => {
    const { element, api } = await mount("cab-login", { ...noProviders, "POST /auth/sign-in": json(200, { ...me(), token: null }) }, { who: null });
    await hasPart(element, "form");
    const heard: unknown[] = [];
    element.addEventListener("cab-signed-in", (e) => heard.push((e as CustomEvent).detail.restored));
    type(element, { email: "ann@example.test", password: "right one" });
    find<HTMLFormElement>(element, '[part~="form"]')!.requestSubmit();
    await shows(element, "Signed in as Ann");
    expect(heard).toEqual([false]);
    expect(JSON.parse(String(api.callsTo("POST /auth/sign-in")[0].init.body))).toMatchObject({ email: "ann@example.test", password: "right one" });
  });

  it("asks for the second step when the password was right and a second factor is on", async () => {
    const { element } = await mount(
      "cab-login",
      { ...noProviders, "POST /auth/sign-in": apiError(401, "CAB_ERR_SECOND_FACTOR_REQUIRED", "Code", { challenge: "chl_1" }) },
      { who: null },
    );
    await hasPart(element, "form");
    type(element, { email: "ann@example.test", password: "right one" });
    find<HTMLFormElement>(element, '[part~="form"]')!.requestSubmit();
    await shows(element, "Two-step verification");
    expect(find(element, "#code")).not.toBeNull();
  });

  it("sends the reset link and says so, whatever the address", async () => {
    const { element, api } = await mount("cab-login", { ...noProviders, "POST /auth/password-reset": new Response(null, { status: 204 }) }, { who: null });
    await hasPart(element, "form");
    clickButton(element, "Forgot your password?");
    await shows(element, "Reset your password");
    type(element, { email: "ann@example.test" });
    find<HTMLFormElement>(element, '[part~="form"]')!.requestSubmit();
    await shows(element, "If an account uses this e-mail, a link to reset the password is on its way.");
    expect(JSON.parse(String(api.callsTo("POST /auth/password-reset")[0].init.body)).email).toBe("ann@example.test");
  });
});
