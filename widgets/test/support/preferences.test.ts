import { describe, expect, it } from "vitest";
import { changesOf, choicesOf } from "../../src/components/cab-notification-preferences/cab-notification-preferences.component.js";
import type { NotificationPreferences } from "../../src/support/support-api.js";

const preferences: NotificationPreferences = {
  channels: [
    { id: "in-app", name: "In-app", available: true },
    { id: "email", name: "E-mail", available: true },
    { id: "telegram", name: "Telegram", available: false },
  ],
  events: [
    { event: "ticket.replied", label: "Reply from support", group: "support", channels: { "in-app": true, email: true, telegram: true } },
    { event: "invoice.issued", label: "Invoice issued", group: "finance", channels: { "in-app": true } },
  ],
};

describe("notification preferences", () => {
  it("shows every listed channel of every event, off when the server leaves it out", () => {
    expect(choicesOf(preferences)).toEqual({
      "ticket.replied": { "in-app": true, email: true, telegram: true },
      "invoice.issued": { "in-app": true, email: false, telegram: false },
    });
  });

  it("sends the available channels only, as the client chose them", () => {
    const choices = choicesOf(preferences);
    choices["invoice.issued"].email = true;
    choices["ticket.replied"]["in-app"] = false;
    expect(changesOf(preferences, choices)).toEqual({
      "ticket.replied": { "in-app": false, email: true },
      "invoice.issued": { "in-app": true, email: true },
    });
  });
});
