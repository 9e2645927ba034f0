import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me } from "../../../test/components/mount.js";
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

describe("<cab-invoices>", () => {
  listStates({
    tag: "cab-invoices",
    route: "GET /invoices",
    items: [invoice],
    shown: "INV-2026-0001",
    empty: "You have no invoices yet.",
    // "Pay all" asks for every open invoice, apart from the list.
    aside: (call) => (call.url.searchParams.get("status") === "issued" ? json(200, { items: [], nextCursor: null }) : null),
    routes: { "GET /balance": json(200, balance), "GET /payments/gateways": json(200, { items: [] }) },
    forbiddenFor: me({ services: ["view"] }),
  });
});
