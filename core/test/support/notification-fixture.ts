import type { NotificationChannel } from "../../src/index.js";

export type ChannelNotification = Parameters<NotificationChannel["deliver"]>[0];

/**
 * A notification as the core hands it to a channel plugin: a staff reply on a ticket, unless
 * overridden. It carries the outbox's `deliveryId` and `attempt` too, whether or not this
 * core's `NotificationChannel` declares them yet.
 */
export function channelNotification(overrides: Partial<ChannelNotification> = {}): ChannelNotification {
  const notification = {
    notificationId: "ntf_01jdtest00000001",
    deliveryId: "ntd_01jdtest00000001",
    attempt: 1,
    brandId: "brd_01jdtest00000001",
    event: "ticket.replied",
    recipient: { userId: "usr_01jdtest00000001", email: "client@example.org", locale: "en" },
    title: "New reply on your ticket",
    body: "Hello,\nthe server is back.",
    link: "/tickets/tkt_01jdtest00000001",
    reference: { type: "ticket", id: "tkt_01jdtest00000001" },
    ...overrides,
  };
  return notification as ChannelNotification;
}
