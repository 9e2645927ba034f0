import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, find, hasPart, me, mount, shows, unmount } from "../../../test/components/mount.js";
import { ticketSummary } from "../../../test/components/fixtures.js";
import "./cab-ticket.js";

const ticket = {
  ...ticketSummary,
  messages: [
    {
      id: "msg_1",
      author: { kind: "client", name: "Ann" },
      bodyHtml: "<p>It hangs at boot.</p>",
      body: "It hangs at boot.",
      attachments: [],
      createdAt: "2026-01-05T10:00:00.000Z",
    },
  ],
  canReply: true,
  canReopenUntil: null,
};
const attributes = { "ticket-id": "tkt_1" };

describe("<cab-ticket>", () => {
  afterEach(unmount);

  it("says it is loading, then shows the request and its messages", async () => {
    const answer = held();
    const { element } = await mount("cab-ticket", { "GET /tickets/tkt_1": answer.answer }, { attributes });
    await shows(element, "Loading…");
    answer.release(json(200, ticket));
    await shows(element, "The server does not boot");
  });

  it("says when no request is chosen, and asks nothing", async () => {
    const { element, api } = await mount("cab-ticket", {});
    await shows(element, "Choose a request to read it.");
    expect(api.calls.filter((c) => c.url.pathname.includes("/tickets"))).toHaveLength(0);
  });

  it("says a request that does not exist was not found", async () => {
    const { element } = await mount("cab-ticket", { "GET /tickets/tkt_1": apiError(404, "CAB_ERR_NOT_FOUND", "No such ticket") }, { attributes });
    await hasPart(element, "not-found");
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount(
      "cab-ticket",
      { "GET /tickets/tkt_1": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, ticket)] },
      { attributes },
    );
    await failsThenRetries(element, api, "GET /tickets/tkt_1", "The server does not boot");
  });

  it("is hidden from a user without the support rights", async () => {
    const { element } = await mount("cab-ticket", {}, { attributes, who: me({ finance: ["view"] }) });
    await hasPart(element, "forbidden");
    expect(find(element, '[part~="heading"]')).toBeNull();
  });
});
