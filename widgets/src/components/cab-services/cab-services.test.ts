import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { listStates, me } from "../../../test/components/mount.js";
import { service } from "../../../test/components/fixtures.js";
import "./cab-services.js";

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
