import { afterEach, describe, it } from "vitest";
import { apiError, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, listStates, me, mount, shows, unmount } from "../../../test/components/mount.js";
import "./cab-ledger.js";

const entry = {
  id: "led_1",
  kind: "top_up",
  amount: { amount: 2500, currency: "EUR" },
  balanceAfter: { amount: 2500, currency: "EUR" },
  description: "Top-up via sandbox",
  reference: null,
  createdAt: "2026-01-05T10:00:00.000Z",
};
const spending = { currency: "EUR", months: [{ month: "2026-01", charged: 1000, paid: 2500, refunded: 0 }] };

describe("<cab-ledger>", () => {
  describe("its entries", () => {
    listStates({
      tag: "cab-ledger",
      route: "GET /ledger",
      items: [entry],
      shown: "Top-up via sandbox",
      empty: "No transactions yet.",
      attributes: { months: "0" },
      forbiddenFor: me({ support: ["view"] }),
    });
  });

  describe("its chart", () => {
    afterEach(unmount);

    it("says an idle period plainly", async () => {
      const idle = { currency: "EUR", months: [{ month: "2026-01", charged: 0, paid: 0, refunded: 0 }] };
      const { element } = await mount("cab-ledger", { "GET /ledger": json(200, { items: [], nextCursor: null }), "GET /ledger/monthly": json(200, idle) });
      await shows(element, "No transactions yet.");
      await shows(element, "No charges or payments");
    });

    it("says why the chart could not load and loads it again on Try again", async () => {
      const { element, api } = await mount("cab-ledger", {
        "GET /ledger": json(200, { items: [entry], nextCursor: null }),
        "GET /ledger/monthly": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, spending)],
      });
      await failsThenRetries(element, api, "GET /ledger/monthly", "Top-up via sandbox");
    });
  });
});
