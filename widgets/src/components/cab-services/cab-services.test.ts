import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me } from "../../../test/components/mount.js";
import "./cab-services.js";

const yes = { allowed: true, reason: null };
const service = {
  id: "svc_1",
  label: "Web server",
  status: "active",
  product: { id: "prd_1", code: "vps", name: "VPS S", type: "vps" },
  parameters: {},
  price: { amount: 1000, currency: "EUR" },
  periodMonths: 1,
  paidUntil: "2026-02-01T00:00:00.000Z",
  autoRenew: true,
  createdAt: "2026-01-01T00:00:00.000Z",
  nextParameters: null,
  cancelAtPeriodEnd: false,
  statusReason: null,
  invoiceId: null,
  actions: { renew: yes, change: yes, cancel: yes, delete: yes, autoRenew: yes },
};

describe("<cab-services>", () => {
  listStates({
    tag: "cab-services",
    route: "GET /services",
    items: [service],
    shown: "Web server",
    empty: "You have no services yet",
    routes: { "GET /catalog": json(200, { items: [] }) },
    forbiddenFor: me({ finance: ["view"] }),
  });
});
