import { describe } from "vitest";
import { json } from "../../../test/fake-fetch.js";
import { find, hasPart, listStates } from "../../../test/components/mount.js";
import "./cab-notifications.js";

const notification = {
  id: "ntf_1",
  event: "invoice.issued",
  title: "Invoice INV-1 issued",
  body: "Pay it by Friday.",
  link: null,
  reference: null,
  readAt: null,
  createdAt: "2026-01-05T10:00:00.000Z",
};

describe("<cab-notifications>", () => {
  listStates({
    tag: "cab-notifications",
    route: "GET /notifications",
    items: [notification],
    shown: "Invoice INV-1 issued",
    empty: "No notifications yet.",
    routes: { "GET /notifications/unread-count": json(200, { count: 1 }) },
    open: async (element) => {
      await hasPart(element, "bell");
      find(element, '[part~="bell"]')!.click();
    },
  });
});
