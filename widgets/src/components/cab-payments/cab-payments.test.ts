import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me } from "../../../test/components/mount.js";
import "./cab-payments.js";

const payment = {
  id: "pay_1",
  gateway: "sandbox",
  amount: { amount: 5000, currency: "EUR" },
  status: "succeeded",
  purpose: "top_up",
  invoiceIds: [],
  nextAction: null,
  failureReason: null,
  received: { amount: 5000, currency: "EUR" },
  refunded: { amount: 0, currency: "EUR" },
  createdAt: "2026-01-05T10:00:00.000Z",
  settledAt: "2026-01-05T10:01:00.000Z",
};

describe("<cab-payments>", () => {
  listStates({
    tag: "cab-payments",
    route: "GET /payments",
    items: [payment],
    shown: "50.00",
    empty: "You have made no payments yet.",
    routes: { "GET /payments/gateways": json(200, { items: [{ id: "sandbox", label: "Card" }] }) },
    forbiddenFor: me({ services: ["view"] }),
  });
});
