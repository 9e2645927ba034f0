import { afterEach, describe, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, mount, shows, unmount } from "../../../test/components/mount.js";
import { terms } from "../../../test/components/fixtures.js";
import "./cab-privacy.js";

const empty = json(200, { items: [] });
const routes = { "GET /consents/history": empty, "GET /privacy/exports": empty, "GET /privacy/requests": empty };

describe("<cab-privacy>", () => {
  afterEach(unmount);

  it("says it is loading, then shows the legal documents and what the client decided", async () => {
    const answer = held();
    const { element } = await mount("cab-privacy", { ...routes, "GET /consents": answer.answer });
    await shows(element, "Loading…");
    answer.release(json(200, { documents: [terms("accepted")], required: [], suggested: [] }));
    await shows(element, "Terms of service");
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount("cab-privacy", {
      ...routes,
      "GET /consents": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, { documents: [terms("accepted")], required: [], suggested: [] })],
    });
    await failsThenRetries(element, api, "GET /consents", "Terms of service");
  });
});
