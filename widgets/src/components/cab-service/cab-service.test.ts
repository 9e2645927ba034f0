import { afterEach, describe, expect, it } from "vitest";
import type { ServiceDetail } from "../../runtime/api-types.js";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { clickButton, find, me, mount, textOf, unmount } from "../../../test/components/mount.js";
import { service as active } from "../../../test/components/fixtures.js";
import "./cab-service.js";

const service: ServiceDetail = { ...active, status: "suspended", actions: { ...active.actions, delete: { allowed: false, reason: "status:suspended" } } };
const history = {
  items: [{ at: "2026-01-01T00:00:00.000Z", fromStatus: null, toStatus: "active", action: "created", actor: "client", details: null }],
  nextCursor: null,
};
const routes = {
  "GET /services/svc_1": json(200, service),
  "GET /services/svc_1/history": json(200, history),
  "GET /catalog": json(200, { items: [] }),
};
const attributes = { "service-id": "svc_1" };

describe("<cab-service>", () => {
  afterEach(unmount);

  it("says it is loading, then shows the service, its sub-forms and its history", async () => {
    const answer = held();
    const { element } = await mount("cab-service", { ...routes, "GET /services/svc_1": answer.answer }, { attributes });
    await expect.poll(() => textOf(element)).toContain("Loading the service…");
    answer.release(json(200, service));
    await expect.poll(() => find(element, '[part~="history"]')).not.toBeNull();
    const text = textOf(element);
    expect(text).toContain("Web server");
    for (const part of ["settings", "action-renew", "action-change", "action-cancel"]) expect(find(element, `[part~="${part}"]`), part).not.toBeNull();
    // Ruled out by its status: left out, not shown disabled.
    expect(find(element, '[part~="action-delete"]')).toBeNull();
  });

  it("says the history is empty", async () => {
    const { element } = await mount("cab-service", { ...routes, "GET /services/svc_1/history": json(200, { items: [], nextCursor: null }) }, { attributes });
    await expect.poll(() => textOf(element)).toContain("Nothing has happened yet.");
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount(
      "cab-service",
      { ...routes, "GET /services/svc_1": [apiError(500, "CAB_ERR_INTERNAL", "Boom"), json(200, service)] },
      { attributes },
    );
    await expect.poll(() => textOf(element)).toContain("Couldn't load it.");
    expect(textOf(element)).toContain("CAB_ERR_INTERNAL");
    clickButton(element, "Try again");
    await expect.poll(() => textOf(element)).toContain("Web server");
    expect(api.callsTo("GET /services/svc_1")).toHaveLength(2);
  });

  it("renews through its sub-form: the service as it is after, the outcome said, the page told", async () => {
    const renewed = { ...service, paidUntil: "2026-03-01T00:00:00.000Z" };
    const { element } = await mount(
      "cab-service",
      { ...routes, "POST /services/svc_1/renew": json(200, { service: renewed, paid: "balance", invoiceId: null }) },
      { attributes },
    );
    await expect.poll(() => find(element, '[part~="action-renew"]')).not.toBeNull();
    const changed = new Promise<CustomEvent>((resolve) => element.addEventListener("cab-service-changed", (e) => resolve(e as CustomEvent), { once: true }));
    find<HTMLFormElement>(element, '[part~="action-renew"]')!.requestSubmit();
    expect((await changed).detail.action).toBe("renew");
    await expect.poll(() => find(element, '[part~="outcome-success"]')).not.toBeNull();
  });

  it("shows a user without the services rights everything, and lets them change nothing", async () => {
    const { element } = await mount("cab-service", routes, { attributes, who: me({ services: ["view"] }) });
    await expect.poll(() => find(element, '[part~="forbidden"]')).not.toBeNull();
    expect(find<HTMLButtonElement>(element, '[part~="action-renew"] button[type="submit"]')!.disabled).toBe(true);
  });
});
