import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, find, hasPart, me, mount, shows, textOf, unmount } from "../../../test/components/mount.js";
import { balance } from "../../../test/components/fixtures.js";
import "./cab-balance.js";

const gateways = { items: [{ id: "sandbox", label: "Card" }] };
const unavailable = apiError(503, "CAB_ERR_UNAVAILABLE", "Down for maintenance");

describe("<cab-balance>", () => {
  afterEach(unmount);

  it("shows nothing until the session is known, then its own loading state", async () => {
    const session = held();
    const { element, api } = await mount("cab-balance", {
      "GET /auth/session": session.answer,
      "GET /balance": json(200, balance),
      "GET /payments/gateways": json(200, gateways),
    });
    await expect.poll(() => api.callsTo("GET /auth/session").length).toBe(1);
    expect(textOf(element)).toBe("");
    session.release(json(200, { signedIn: true, me: me() }));
    await hasPart(element, "figure-balance");
  });

  it("says it is loading, then shows the balance and the top-up form", async () => {
    const answer = held();
    const { element } = await mount("cab-balance", { "GET /balance": answer.answer, "GET /payments/gateways": json(200, gateways) });
    await shows(element, "Loading…");
    answer.release(json(200, balance));
    await hasPart(element, "figure-balance");
    expect(textOf(find(element, '[part~="amount"]')!)).toContain("123.45");
    await hasPart(element, "form");
  });

  it("says there is no payment method to top up with", async () => {
    const { element } = await mount("cab-balance", { "GET /balance": json(200, balance), "GET /payments/gateways": json(200, { items: [] }) });
    await shows(element, "No payment methods are available");
  });

  it("says why the balance could not load, with the code, and loads it again on Try again", async () => {
    const { element, api } = await mount("cab-balance", { "GET /balance": [unavailable, json(200, balance)], "GET /payments/gateways": json(200, gateways) });
    await failsThenRetries(element, api, "GET /balance", "Available to spend");
  });

  it("shows a user who may not pay the balance, and no top-up", async () => {
    const { element } = await mount(
      "cab-balance",
      { "GET /balance": json(200, balance), "GET /payments/gateways": json(200, gateways) },
      { who: me({ finance: ["view"] }) },
    );
    await hasPart(element, "figure-balance");
    await hasPart(element, "not-allowed");
    expect(find(element, '[part~="form"]')).toBeNull();
  });

  it("is hidden from a user without the finance rights", async () => {
    const { element, api } = await mount("cab-balance", {}, { who: me({ services: ["view"] }) });
    await hasPart(element, "forbidden");
    expect(api.callsTo("GET /balance")).toHaveLength(0);
  });
});
