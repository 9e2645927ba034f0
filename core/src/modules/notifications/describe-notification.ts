import { notificationKindByEvent, writeNotification } from "./notification-catalogue.js";
import type { Notification } from "./notification.js";

/**
 * A notification as the API and the stream show it. With the reader's `locale`, one that kept
 * its source is written out in that language (the account's language may have changed since it
 * was sent); otherwise it reads as it was sent.
 */
export function describeNotification(n: Notification, locale?: string | null) {
  const kind = n.source && locale ? notificationKindByEvent.get(n.event as never) : undefined;
  const text = kind && n.source && locale ? writeNotification(kind, n.source.payload, locale, n.source.names) : { title: n.title, body: n.body };
  return {
    id: n.id,
    event: n.event,
    title: text.title.slice(0, 200),
    body: text.body,
    link: n.link,
    reference: n.reference,
    readAt: n.readAt === null ? null : new Date(n.readAt).toISOString(),
    createdAt: new Date(n.createdAt).toISOString(),
  };
}
