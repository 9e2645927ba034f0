import { afterEach, describe, expect, it } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me, mount, shows, unmount } from "../../../test/components/mount.js";
import { balance, eur } from "../../../test/components/fixtures.js";
import "./cab-invoices.js";

const invoice = {
  id: "inv_1",
  number: "INV-2026-0001",
  status: "paid",
  purpose: "order",
  subtotal: eur(1000),
  tax: eur(0),
  total: eur(1000),
  taxRatePercent: 0,
  taxInclusive: false,
  issuedAt: "2026-01-05T10:00:00.000Z",
  dueAt: "2026-01-19T10:00:00.000Z",
  paidAt: "2026-01-05T10:01:00.000Z",
  paidMethod: "balance",
  payer: null,
  taxNote: null,
  lines: [],
};

const open = { ...invoice, id: "inv_2", number: "INV-2026-0002", status: "issued", total: eur(2500), paidAt: null, paidMethod: null };
const gateways = json(200, { items: [{ id: "sandbox", displayName: "Card" }] });

describe("<cab-invoices>", () => {
  listStates({
    tag: "cab-invoices",
    route: "GET /invoices",
    items: [invoice],
    shown: "INV-2026-0001",
    empty: "You have no invoices yet.",
    // "Pay all" asks for every open invoice, apart from the list, when the list's page does not hold them all.
    aside: (call) => (call.url.searchParams.get("status") === "issued" ? json(200, { items: [], nextCursor: null }) : null),
    routes: { "GET /balance": json(200, balance), "GET /payments/gateways": json(200, { items: [] }) },
    forbiddenFor: me({ services: ["view"] }),
  });

  describe('"Pay all"', () => {
    afterEach(unmount);

    it("finds the open invoices in the list's page when it holds every invoice: one read of /invoices", async () => {
      const { element, api } = await mount("cab-invoices", {
        "GET /invoices": json(200, { items: [open, invoice], nextCursor: null }),
        "GET /balance": json(200, balance),
        "GET /payments/gateways": gateways,
      });
      await shows(element, "INV-2026-0001");
      await shows(element, "You have 1 open invoice for €25.00.");
      expect(api.callsTo("GET /invoices").map((c) => c.url.search)).toEqual(["?limit=10"]);
    });

    it("reads the open invoices on their own when the list has more pages", async () => {
      const { element, api } = await mount("cab-invoices", {
        "GET /invoices": (call) =>
          call.url.searchParams.get("status") === "issued"
            ? json(200, { items: [open], nextCursor: null })
            : json(200, { items: [invoice], nextCursor: "next" }),
        "GET /balance": json(200, balance),
        "GET /payments/gateways": gateways,
      });
      await shows(element, "You have 1 open invoice for €25.00.");
      expect(api.callsTo("GET /invoices").map((c) => c.url.search)).toEqual(["?limit=10", "?status=issued&limit=100"]);
    });
  });
});
