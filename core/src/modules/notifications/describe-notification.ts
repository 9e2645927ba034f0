import type { Notification } from "./notification.js";

/** A notification as the API and the stream show it. */
export function describeNotification(n: Notification) {
  return {
    id: n.id,
    event: n.event,
    title: n.title,
    body: n.body,
    link: n.link,
    reference: n.reference,
    readAt: n.readAt === null ? null : new Date(n.readAt).toISOString(),
    createdAt: new Date(n.createdAt).toISOString(),
  };
}
