import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me } from "../../../test/components/mount.js";
import "./cab-invoices.js";

const eur = (amount: number) => ({ amount, currency: "EUR" });
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
const balance = {
  balance: eur(0),
  creditLimit: eur(0),
  available: eur(0),
  upcomingRenewals: { ...eur(0), days: 30 },
  openInvoices: { ...eur(0), count: 0 },
  recommendedTopUp: eur(0),
  topUp: { min: eur(500), max: eur(100_000) },
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
