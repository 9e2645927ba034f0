import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { clickButton, failsThenRetries, fill, find, hasPart, me, mount, shows, submit, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-roles.js";

const accountant = { key: "accountant", name: "Accountant", builtIn: true, rights: { finance: ["view", "pay"] }, holders: 2 };
const custom = { key: "rol_1", name: "Night shift", builtIn: false, rights: { support: ["view"] }, holders: 0 };

describe("<cab-roles>", () => {
  afterEach(unmount);

  it("says it is loading, then shows the roles with their rights, built-in ones read-only", async () => {
    const answer = held();
    const { element } = await mount("cab-roles", { "GET /roles": answer.answer });
    await shows(element, "Loading");
    answer.release(json(200, { items: [accountant, custom] }));
    await hasPart(element, "role");
    expect(textOf(element)).toContain("Night shift");
    expect(textOf(find(element, '[data-role="accountant"]')!)).toContain("Built in");
    // A built-in role has no buttons; a custom one can be changed and deleted.
    expect(find(element, '[data-role="accountant"] button')).toBeNull();
    expect(find(element, '[data-role="rol_1"] button')).not.toBeNull();
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount("cab-roles", { "GET /roles": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, { items: [accountant] })] });
    await failsThenRetries(element, api, "GET /roles", "Accountant");
  });

  it("is the owner's alone: a member sees why, and nothing is asked", async () => {
    const { element, api } = await mount("cab-roles", { "GET /roles": json(200, { items: [accountant] }) }, { who: me({ audit: ["view"] }) });
    await hasPart(element, "forbidden");
    expect(textOf(element)).toContain("Only the account's owner manages roles.");
    expect(api.callsTo("GET /roles")).toHaveLength(0);
  });

  it("says the server's refusal of a new role next to the editor, which stays open", async () => {
    const { element } = await mount("cab-roles", {
      "GET /roles": json(200, { items: [accountant] }),
      "POST /roles": apiError(422, "CAB_ERR_ROLE_GRANTS_NOTHING", "A role grants something"),
    });
    await hasPart(element, "role");
    clickButton(element, "New role");
    await hasPart(element, "editor");
    fill(element, "Role name", "Empty", '[part~="editor"]');
    submit(element, '[part~="editor"]');
    await shows(element, "Tick at least one right for the role.");
    expect(find(element, '[part~="error"]')!.getAttribute("role")).toBe("alert");
    expect(find(element, '[part~="editor"]')).not.toBeNull();
  });

  it("creates a role with the rights ticked, says so and lists it", async () => {
    const created = { ...custom, name: "Payers", rights: { finance: ["view", "pay"] } };
    const { element, api } = await mount("cab-roles", {
      "GET /roles": [json(200, { items: [accountant] }), json(200, { items: [accountant, created] })],
      "POST /roles": json(201, created),
    });
    await hasPart(element, "role");
    clickButton(element, "New role");
    await hasPart(element, "editor");
    fill(element, "Role name", "Payers", '[part~="editor"]');
    await (element as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    find<HTMLInputElement>(element, '[data-right="finance:pay"]')!.click();
    submit(element, '[part~="editor"]');
    await shows(element, "Saved.");
    await expect.poll(() => find(element, '[data-role="rol_1"]')).not.toBeNull();
    expect(find(element, '[part~="editor"]')).toBeNull();
    // Paying implies seeing.
    expect(JSON.parse(String(api.callsTo("POST /roles")[0].init.body))).toEqual({ name: "Payers", rights: { finance: ["view", "pay"] } });
  });
});
