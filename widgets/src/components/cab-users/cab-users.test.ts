import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, fill, find, hasPart, me, mount, shows, submit, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-users.js";

const owner = {
  id: "usr_1",
  email: "ann@example.test",
  name: "Ann",
  role: "owner",
  status: "active",
  roles: [],
  permissions: [],
  serviceScope: null,
  mustChangePassword: false,
  createdAt: "2026-01-01T00:00:00.000Z",
};
const bob = { ...owner, id: "usr_2", email: "bob@example.test", name: "Bob Builder", role: "member", roles: ["accountant"] };
const roles = [{ key: "accountant", name: "Accountant", builtIn: true, rights: { finance: ["view", "pay"] }, holders: 1 }];
const invitation = {
  id: "inv_1",
  email: "cy@example.test",
  roles: ["accountant"],
  serviceIds: null,
  status: "pending",
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAt: "2026-01-08T00:00:00.000Z",
};
const routes = {
  "GET /users": json(200, { items: [owner, bob] }),
  "GET /roles": json(200, { items: roles }),
  "GET /users/invitations": json(200, { items: [] }),
  "GET /services": json(200, { items: [], nextCursor: null }),
};

describe("<cab-users>", () => {
  afterEach(unmount);

  it("says it is loading, then shows the people, the invitation form and the invitations", async () => {
    const answer = held();
    const { element } = await mount("cab-users", { ...routes, "GET /users": answer.answer });
    await shows(element, "Loading");
    expect(find(element, '[part~="members"]')).toBeNull();
    answer.release(json(200, { items: [owner, bob] }));
    await hasPart(element, "members");
    const text = textOf(element);
    expect(text).toContain("Bob Builder");
    expect(text).toContain("Accountant");
    expect(find(element, '[part~="invite"]')).not.toBeNull();
    expect(text).toContain("No invitations.");
  });

  it("says when only the owner has access", async () => {
    const { element } = await mount("cab-users", { ...routes, "GET /users": json(200, { items: [owner] }) });
    await shows(element, "Only you have access.");
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount("cab-users", {
      ...routes,
      "GET /users": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, { items: [owner, bob] })],
    });
    await failsThenRetries(element, api, "GET /users", "Bob Builder");
  });

  it("is the owner's alone: a member sees why, and nothing is asked", async () => {
    const { element, api } = await mount("cab-users", routes, { who: me({ finance: ["view"] }) });
    await hasPart(element, "forbidden");
    expect(textOf(element)).toContain("Only the account's owner manages its users.");
    expect(api.callsTo("GET /users")).toHaveLength(0);
  });

  it("sends an invitation with the owner's password, lists it and says so", async () => {
    const { element, api } = await mount("cab-users", { ...routes, "POST /users/invitations": json(201, { invitation, link: "https://x.test" }) });
    await hasPart(element, "invite");
    fill(element, "E-mail", "cy@example.test", '[part~="invite"]');
    fill(element, "Your password", "secret", '[part~="invite"]');
    submit(element, '[part~="invite"]');
    await shows(element, "Invitation sent to cy@example.test.");
    const [call] = api.callsTo("POST /users/invitations");
    expect(JSON.parse(String(call.init.body))).toEqual({ email: "cy@example.test", roles: ["accountant"], serviceIds: null, password: "secret" });
    expect(find(element, '[data-invitation="inv_1"]')?.textContent).toContain("Pending");
    // The form is empty again, its password too.
    expect(find<HTMLInputElement>(element, '[part~="invite"] [data-proof="invite"]')!.value).toBe("");
  });

  it("says the server's refusal of a new user next to the forms, and keeps what was typed", async () => {
    const { element } = await mount("cab-users", {
      ...routes,
      "POST /users": apiError(422, "CAB_ERR_VALIDATION", "Invalid", { errors: [{ path: "/email", message: "must match format" }] }),
    });
    await hasPart(element, "create");
    find<HTMLDetailsElement>(element, '[part~="create"]')!.open = true;
    fill(element, "E-mail", "dee@example.test", '[part~="create"]');
    fill(element, "Name", "Dee", '[part~="create"]');
    fill(element, "Password", "handed over 1", '[part~="create"]');
    fill(element, "Your password", "secret", '[part~="create"]');
    submit(element, '[part~="create"]');
    await hasPart(element, "error");
    expect(find(element, '[part~="error"]')!.getAttribute("role")).toBe("alert");
    expect(textOf(find(element, '[part~="error"]')!)).toBe("Some of the data is not valid. Check it and try again.");
    expect(find(element, '[part~="notice"]')).toBeNull();
    expect(find<HTMLInputElement>(element, '[part~="create"] [data-proof="create"]')!.value).toBe("secret");
  });

  it("hands the account over with the transfer form's own password", async () => {
    const { element, api } = await mount("cab-users", {
      ...routes,
      "PUT /users/usr_2/role": new Response(null, { status: 204 }),
      "GET /me": json(200, me({ finance: ["view"] })),
    });
    await hasPart(element, "members");
    const makeOwner = [...element.shadowRoot!.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Make owner")!;
    makeOwner.click();
    await hasPart(element, "transfer");
    fill(element, "Your password", "owner's", '[part~="transfer"]');
    expect(find<HTMLInputElement>(element, '[part~="invite"] [data-proof="invite"]')!.value).toBe("");
    submit(element, '[part~="transfer"]');
    await hasPart(element, "forbidden");
    expect(JSON.parse(String(api.callsTo("PUT /users/usr_2/role")[0].init.body))).toMatchObject({ role: "owner", transfer: true, password: "owner's" });
  });
});
