import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, find, hasPart, me, mount, shows, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-account-switcher.js";

const own = { id: "acc_1", name: "Ann's", kind: "person", role: "owner", current: true };
const client = { id: "acc_2", name: "Client Co", kind: "company", role: "member", current: false };
const other = { ...me(), account: { id: "acc_2", name: "Client Co", kind: "company", currency: "EUR", locale: "en" } };

describe("<cab-account-switcher>", () => {
  afterEach(unmount);

  it("names the account while the list loads, then offers the others", async () => {
    const answer = held();
    const { element } = await mount("cab-account-switcher", { "GET /me/accounts": answer.answer });
    await shows(element, "Acting in Ann's");
    expect(find(element, "select")).toBeNull();
    answer.release(json(200, { items: [own, client] }));
    await hasPart(element, "select");
    expect([...find<HTMLSelectElement>(element, "select")!.options].map((o) => o.text)).toEqual(["Ann's (owner)", "Client Co (user)"]);
  });

  it("with one account, only names it", async () => {
    const { element, api } = await mount("cab-account-switcher", { "GET /me/accounts": json(200, { items: [own] }) });
    await expect.poll(() => api.callsTo("GET /me/accounts").length).toBe(1);
    await hasPart(element, "current");
    expect(find(element, "select")).toBeNull();
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount("cab-account-switcher", {
      "GET /me/accounts": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, { items: [own, client] })],
    });
    await failsThenRetries(element, api, "GET /me/accounts", "Client Co");
  });

  it("signed out, asks to sign in and asks nothing", async () => {
    const { element, api } = await mount("cab-account-switcher", {}, { who: null });
    await hasPart(element, "signed-out");
    expect(api.callsTo("GET /me/accounts")).toHaveLength(0);
  });

  it("switches, tells the page, and keeps the list with the new account chosen", async () => {
    const { element, api } = await mount("cab-account-switcher", {
      "GET /me/accounts": [
        json(200, { items: [own, client] }),
        json(200, {
          items: [
            { ...own, current: false },
            { ...client, current: true },
          ],
        }),
      ],
      "PUT /me/account": new Response(null, { status: 204 }),
      "GET /me": json(200, other),
    });
    await hasPart(element, "select");
    const heard: unknown[] = [];
    element.addEventListener("cab-account-switched", (e) => heard.push((e as CustomEvent).detail));
    const select = find<HTMLSelectElement>(element, "select")!;
    select.value = "acc_2";
    select.dispatchEvent(new Event("change"));
    await expect.poll(() => heard).toEqual([{ accountId: "acc_2", previousAccountId: "acc_1" }]);
    expect(JSON.parse(String(api.callsTo("PUT /me/account")[0].init.body))).toEqual({ accountId: "acc_2" });
    await expect.poll(() => find<HTMLSelectElement>(element, "select")?.value).toBe("acc_2");
  });

  it("says why a switch was refused", async () => {
    const { element } = await mount("cab-account-switcher", {
      "GET /me/accounts": json(200, { items: [own, client] }),
      "PUT /me/account": apiError(403, "CAB_ERR_NOT_A_MEMBER", "Not a member"),
    });
    await hasPart(element, "select");
    const select = find<HTMLSelectElement>(element, "select")!;
    select.value = "acc_2";
    select.dispatchEvent(new Event("change"));
    await shows(element, "You do not belong to this account.");
    expect(textOf(element)).not.toContain("Couldn't load it.");
  });
});
