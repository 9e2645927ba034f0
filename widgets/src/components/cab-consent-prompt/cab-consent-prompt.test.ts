import { afterEach, describe, expect, it } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { find, hasPart, mount, unmount } from "../../../test/components/mount.js";
import { terms } from "../../../test/components/fixtures.js";
import "./cab-consent-prompt.js";

describe("<cab-consent-prompt>", () => {
  afterEach(unmount);

  it("asks for the documents the client must accept, in a blocking panel", async () => {
    const { element } = await mount("cab-consent-prompt", { "GET /consents": json(200, { documents: [terms(null)], required: ["lgl_1"], suggested: [] }) });
    await hasPart(element, "panel");
    expect(find(element, '[aria-modal="true"]')).not.toBeNull();
  });

  it("shows nothing when there is nothing to decide", async () => {
    const { element, api } = await mount("cab-consent-prompt", { "GET /consents": json(200, { documents: [terms(null)], required: [], suggested: [] }) });
    await expect.poll(() => api.callsTo("GET /consents").length).toBe(1);
    await element.updateComplete;
    expect(find(element, '[part~="panel"]')).toBeNull();
  });
});
