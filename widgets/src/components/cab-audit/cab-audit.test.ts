import { afterEach, describe, expect, it } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { find, listStates, me, mount, shows, unmount } from "../../../test/components/mount.js";
import "./cab-audit.js";

const entry = {
  id: "aud_1",
  at: "2026-01-05T10:00:00.000Z",
  actor: { kind: "user", id: "usr_2", name: "Bob Builder", staffId: null, ip: "203.0.113.9", userAgent: "Firefox" },
  action: "user.invited",
  target: null,
  details: {},
};
const page = json(200, { items: [entry], nextCursor: null });

describe("<cab-audit>", () => {
  listStates({
    tag: "cab-audit",
    route: "GET /audit",
    items: [entry],
    shown: "Bob Builder",
    empty: "Nothing was recorded for these filters.",
    forbiddenFor: me({ finance: ["view"] }),
  });

  describe("by rights", () => {
    afterEach(unmount);

    it("offers the CSV only to a user who may export the log", async () => {
      const { element } = await mount("cab-audit", { "GET /audit": page }, { who: me({ audit: ["view", "export"] }) });
      await shows(element, "Bob Builder");
      expect(find(element, '[part~="export"]')).not.toBeNull();
    });

    it("shows the log read-only to a user who may only see it", async () => {
      const { element } = await mount("cab-audit", { "GET /audit": page }, { who: me({ audit: ["view"] }) });
      await shows(element, "Bob Builder");
      expect(find(element, '[part~="export"]')).toBeNull();
    });

    it("asks again with the filters applied", async () => {
      const { element, api } = await mount("cab-audit", { "GET /audit": page });
      await shows(element, "Bob Builder");
      const select = find<HTMLSelectElement>(element, '[part~="filters"] select')!;
      select.value = "user.";
      select.dispatchEvent(new Event("change"));
      find<HTMLFormElement>(element, '[part~="filters"]')!.requestSubmit();
      await expect.poll(() => api.callsTo("GET /audit").length).toBe(2);
      expect(api.callsTo("GET /audit")[1].url.searchParams.get("action")).toBe("user.");
    });
  });
});
