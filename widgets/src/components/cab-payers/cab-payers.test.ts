import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, hasPart, me, mount, shows, unmount } from "../../../test/components/mount.js";
import "./cab-payers.js";

const payer = {
  id: "pay_1",
  kind: "individual",
  name: "Ann Example",
  address: "1 Main St",
  country: "DE",
  registrationNumber: null,
  vatNumber: null,
  email: null,
  isDefault: true,
  createdAt: "2026-01-01T00:00:00.000Z",
};

describe("<cab-payers>", () => {
  afterEach(unmount);

  it("says it is loading, then lists the payers", async () => {
    const answer = held();
    const { element } = await mount("cab-payers", { "GET /payers": answer.answer });
    await shows(element, "Loading…");
    answer.release(json(200, { items: [payer] }));
    await shows(element, "Ann Example");
  });

  it("says there are none yet", async () => {
    const { element } = await mount("cab-payers", { "GET /payers": json(200, { items: [] }) });
    await shows(element, "No payers yet.");
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount("cab-payers", { "GET /payers": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, { items: [payer] })] });
    await failsThenRetries(element, api, "GET /payers", "Ann Example");
  });

  it("is hidden from a user without the finance rights, and asks nothing", async () => {
    const { element, api } = await mount("cab-payers", {}, { who: me({ support: ["view"] }) });
    await hasPart(element, "forbidden");
    expect(api.callsTo("GET /payers")).toHaveLength(0);
  });
});
