import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { find, me, mount, shows, textOf, unmount } from "../../../test/components/mount.js";
import "./cab-service-panel.js";

const panel = {
  state: "active",
  fields: [{ key: "ip", label: "IP address", value: "203.0.113.7" }],
  credentials: [],
  actions: [],
  controlPanel: null,
  metrics: [],
};
const attributes = { "service-id": "svc_1" };

describe("<cab-service-panel>", () => {
  afterEach(unmount);

  it("says it is loading, then shows the server's details", async () => {
    const answer = held();
    const { element } = await mount("cab-service-panel", { "GET /services/svc_1/panel": answer.answer }, { attributes });
    await shows(element, "Loading the server's details…");
    answer.release(json(200, panel));
    await shows(element, "203.0.113.7");
  });

  it("shows nothing for a service without a panel", async () => {
    const { element, api } = await mount(
      "cab-service-panel",
      { "GET /services/svc_1/panel": json(200, { ...panel, state: "none", fields: [] }) },
      { attributes },
    );
    await expect.poll(() => api.callsTo("GET /services/svc_1/panel").length).toBe(1);
    await expect.poll(() => textOf(element)).toBe("");
  });

  it("says the details are unavailable when the provider cannot give them; the page around stands", async () => {
    const { element } = await mount("cab-service-panel", { "GET /services/svc_1/panel": apiError(502, "CAB_ERR_PROVIDER", "Timeout") }, { attributes });
    await shows(element, "The server's details are unavailable right now.");
  });

  it("shows nothing to a user without the services rights, and asks nothing", async () => {
    const { element, api } = await mount("cab-service-panel", {}, { attributes, who: me({ finance: ["view"] }) });
    await expect.poll(() => find(element, "*")).toBeNull();
    expect(api.callsTo("GET /services/svc_1/panel")).toHaveLength(0);
  });
});
