import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { clickButton, me, mount, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-contract.js";

const contract = { version: "2026-01", accepted: true, acceptedAt: "2026-01-10T10:00:00.000Z", documentId: null };

describe("<cab-contract>", () => {
  afterEach(unmount);

  it("says it is loading until the contract arrives, then shows it", async () => {
    const answer = held();
    const { element } = await mount("cab-contract", { "GET /contracts/current": answer.answer });
    await expect.poll(() => textOf(element)).toContain("Loading…");
    answer.release(json(200, contract));
    await expect.poll(() => textOf(element)).toContain("Accepted on");
  });

  it("offers the contract to accept when it is not accepted yet", async () => {
    const { element } = await mount("cab-contract", { "GET /contracts/current": json(200, { ...contract, accepted: false, acceptedAt: null }) });
    await expect.poll(() => textOf(element)).toContain("Not accepted yet");
  });

  it("says why it could not load, with the error's code, and loads again on Try again", async () => {
    const { element, api } = await mount("cab-contract", {
      "GET /contracts/current": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down for maintenance"), json(200, contract)],
    });
    await expect.poll(() => textOf(element)).toContain("Couldn't load it.");
    expect(textOf(element)).toContain("CAB_ERR_UNAVAILABLE");
    clickButton(element, "Try again");
    await expect.poll(() => textOf(element)).toContain("Accepted on");
    expect(api.callsTo("GET /contracts/current")).toHaveLength(2);
  });

  it("is hidden from a user without the documents or finance rights, and asks nothing", async () => {
    const { element, api } = await mount("cab-contract", {}, { who: me({ services: ["view"] }) });
    await expect.poll(() => element.shadowRoot!.querySelector('[part="forbidden"]')).not.toBeNull();
    expect(api.callsTo("GET /contracts/current")).toHaveLength(0);
  });

  it("turns a 403 into the no-access message", async () => {
    const { element } = await mount("cab-contract", { "GET /contracts/current": apiError(403, "CAB_ERR_FORBIDDEN", "Forbidden") });
    await expect.poll(() => element.shadowRoot!.querySelector('[part="forbidden"]')).not.toBeNull();
  });
});
