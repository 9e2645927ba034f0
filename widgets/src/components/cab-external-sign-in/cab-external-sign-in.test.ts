import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, find, hasPart, mount, shows, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-external-sign-in.js";

const providers = { items: [{ id: "gitlab", label: "GitLab" }] };
const methods = (identities: unknown[]) => ({
  providers: [
    { id: "gitlab", label: "GitLab" },
    { id: "google", label: "Google" },
  ],
  identities,
  hasPassword: true,
  twoFactor: false,
});
const gitlab = { id: "ext_1", provider: "gitlab", label: "GitLab", email: "ann@gitlab.test", createdAt: "2026-01-01T00:00:00.000Z" };
const manage = { attributes: { manage: "" } };

describe("<cab-external-sign-in>", () => {
  afterEach(unmount);

  it("offers a visitor the brand's providers once they are known", async () => {
    const answer = held();
    const { element } = await mount("cab-external-sign-in", { "GET /auth/external/providers": answer.answer }, { who: null });
    await expect.poll(() => textOf(element)).toBe("");
    answer.release(json(200, providers));
    await shows(element, "Continue with GitLab");
  });

  it("shows nothing to a visitor when the brand offers no provider", async () => {
    const { element, api } = await mount("cab-external-sign-in", { "GET /auth/external/providers": json(200, { items: [] }) }, { who: null });
    await expect.poll(() => api.callsTo("GET /auth/external/providers").length).toBe(1);
    expect(find(element, '[part~="provider"]')).toBeNull();
  });

  it("says why the providers could not load, and loads them again on Try again", async () => {
    const { element, api } = await mount(
      "cab-external-sign-in",
      { "GET /auth/external/providers": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, providers)] },
      { who: null },
    );
    await failsThenRetries(element, api, "GET /auth/external/providers", "Continue with GitLab");
  });

  it("without `manage`, shows a signed-in user nothing and asks nothing", async () => {
    const { element, api } = await mount("cab-external-sign-in", {});
    await expect.poll(() => textOf(element)).toBe("");
    expect(api.callsTo("GET /me/sign-in-methods")).toHaveLength(0);
  });

  it("with `manage`, says none is linked yet and offers the providers to link", async () => {
    const { element } = await mount("cab-external-sign-in", { "GET /me/sign-in-methods": json(200, methods([])) }, manage);
    await shows(element, "No external sign-in linked.");
    expect(textOf(element)).toContain("Link GitLab");
    expect(find(element, '[part~="password"]')).not.toBeNull();
    expect(find(element, '[part~="code"]')).toBeNull();
  });

  it("says why the linked identities could not load, and loads them again on Try again", async () => {
    const { element, api } = await mount(
      "cab-external-sign-in",
      { "GET /me/sign-in-methods": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, methods([gitlab]))] },
      manage,
    );
    await failsThenRetries(element, api, "GET /me/sign-in-methods", "GitLab (ann@gitlab.test)");
  });

  it("says a wrong password when unlinking, and keeps the identity", async () => {
    const { element } = await mount(
      "cab-external-sign-in",
      { "GET /me/sign-in-methods": json(200, methods([gitlab])), "POST /me/external-identities/ext_1/unbind": apiError(403, "CAB_ERR_REAUTH_FAILED", "No") },
      manage,
    );
    await hasPart(element, "unbind");
    find<HTMLButtonElement>(element, '[part~="unbind"]')!.click();
    await shows(element, "The current password or code is not right.");
    expect(find(element, '[part~="identity"]')).not.toBeNull();
  });

  it("unlinks with the password typed, and lists the identities again", async () => {
    const { element, api } = await mount(
      "cab-external-sign-in",
      {
        "GET /me/sign-in-methods": [json(200, methods([gitlab])), json(200, methods([]))],
        "POST /me/external-identities/ext_1/unbind": new Response(null, { status: 204 }),
      },
      manage,
    );
    await hasPart(element, "unbind");
    const password = find<HTMLInputElement>(element, '[part~="password"]')!;
    password.value = "secret";
    password.dispatchEvent(new Event("input"));
    find<HTMLButtonElement>(element, '[part~="unbind"]')!.click();
    await shows(element, "No external sign-in linked.");
    expect(JSON.parse(String(api.callsTo("POST /me/external-identities/ext_1/unbind")[0].init.body))).toEqual({ password: "secret" });
    expect(find<HTMLInputElement>(element, '[part~="password"]')!.value).toBe("");
  });
});
