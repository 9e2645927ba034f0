import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me } from "../../../test/components/mount.js";
import "./cab-tickets.js";

const ticket = {
  id: "tkt_1",
  subject: "The server does not boot",
  department: { id: "dep_1", name: "Technical" },
  priority: "normal",
  status: "open",
  serviceId: null,
  lastMessageAt: "2026-01-05T10:00:00.000Z",
  createdAt: "2026-01-05T10:00:00.000Z",
  unreadByClient: false,
  rating: null,
};

describe("<cab-tickets>", () => {
  listStates({
    tag: "cab-tickets",
    route: "GET /tickets",
    items: [ticket],
    shown: "The server does not boot",
    empty: "You have no support requests yet.",
    routes: { "GET /support/departments": json(200, { items: [{ id: "dep_1", name: "Technical" }] }) },
    forbiddenFor: me({ finance: ["view"] }),
  });
});
