import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me } from "../../../test/components/mount.js";
import { ticketSummary } from "../../../test/components/fixtures.js";
import "./cab-tickets.js";

const ticket = ticketSummary;

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
