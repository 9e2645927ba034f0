import { afterEach, describe, expect, it } from "vitest";
import { apiError, held, json } from "../../../test/fake-fetch.js";
import { failsThenRetries, find, hasPart, mount, shows, unmount } from "../../../test/components/mount.js";
import "./cab-notification-preferences.js";

const preferences = {
  channels: [{ id: "email", name: "E-mail", available: true }],
  events: [{ event: "invoice.issued", label: "An invoice is issued", group: "finance", channels: { email: true } }],
};

describe("<cab-notification-preferences>", () => {
  afterEach(unmount);

  it("says it is loading, then shows each event's channels", async () => {
    const answer = held();
    const { element } = await mount("cab-notification-preferences", { "GET /notifications/preferences": answer.answer });
    await shows(element, "Loading…");
    answer.release(json(200, preferences));
    await shows(element, "An invoice is issued");
    expect(find<HTMLInputElement>(element, 'input[type="checkbox"]')!.checked).toBe(true);
  });

  it("shows Telegram's state when the channel is offered", async () => {
    const withTelegram = { ...preferences, channels: [...preferences.channels, { id: "telegram", name: "Telegram", available: true }] };
    const { element } = await mount("cab-notification-preferences", {
      "GET /notifications/preferences": json(200, withTelegram),
      "GET /plugins/notify-telegram/link": json(200, { linked: true, username: "ann" }),
    });
    await hasPart(element, "telegram");
    await shows(element, "@ann");
  });

  it("says why it could not load, with the code, and loads again on Try again", async () => {
    const { element, api } = await mount("cab-notification-preferences", {
      "GET /notifications/preferences": [apiError(503, "CAB_ERR_UNAVAILABLE", "Down"), json(200, preferences)],
    });
    await failsThenRetries(element, api, "GET /notifications/preferences", "An invoice is issued");
  });
});
