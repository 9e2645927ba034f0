import type { NotificationChannel } from "../../src/index.js";

export type ChannelNotification = Parameters<NotificationChannel["deliver"]>[0];

/** A notification as the core hands it to a channel plugin: a staff reply on a ticket, unless overridden. */
export function channelNotification(overrides: Partial<ChannelNotification> = {}): ChannelNotification {
  return {
    notificationId: "ntf_01jdtest00000001",
    brandId: "brd_01jdtest00000001",
    event: "ticket.replied",
    recipient: { userId: "usr_01jdtest00000001", email: "client@example.org", locale: "en" },
    title: "New reply on your ticket",
    body: "Hello,\nthe server is back.",
    link: "/tickets/tkt_01jdtest00000001",
    reference: { type: "ticket", id: "tkt_01jdtest00000001" },
    ...overrides,
  };
}
