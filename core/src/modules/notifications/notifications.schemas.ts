import { Cursor, Enum, Id, Instant, Limit, Obj, Page, Type } from "../../http/schema.js";
import { notificationGroups } from "./notification-catalogue.js";

const NotificationId = Id("ntf");
const ChannelId = Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,63}$", maxLength: 64 });
const EventName = Type.String({ pattern: "^[a-z0-9_]+\\.[a-z0-9_]+$", maxLength: 64 });

export const NotificationView = Obj({
  id: Type.String({ description: "`ntf_…`; ids sort by time, and are the stream's event ids" }),
  event: Type.String({ description: "The domain event that raised it: `invoice.issued`, `ticket.replied`…" }),
  title: Type.String(),
  body: Type.String({ description: "Plain text, in the user's language" }),
  link: Type.Union([Type.String(), Type.Null()], { description: "Where it leads in the client area: `/invoices/inv_…`, `/tickets/tkt_…`" }),
  reference: Type.Union([Obj({ type: Type.String(), id: Type.String() }), Type.Null()], { description: 'What it is about: `{ type: "ticket", id: "tkt_…" }`' }),
  readAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
});
export const NotificationsPage = Page(NotificationView);

export const ListNotificationsQuery = Obj({
  unread: Type.Optional(Type.Boolean({ description: "Only the unread ones" })),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});
export const NotificationIdParams = Obj({ id: NotificationId });
export const UnreadCount = Obj({ count: Type.Integer({ minimum: 0 }) });

export const StreamQuery = Obj({
  access_token: Type.Optional(
    Type.String({
      pattern: "^[A-Za-z0-9_-]{10,200}$",
      maxLength: 200,
      description: "The bearer token, for EventSource (which cannot send headers); the session cookie otherwise",
    }),
  ),
  lastEventId: Type.Optional(
    Type.String({ pattern: "^ntf_[0-9a-z]{10,40}$", maxLength: 64, description: "Resume after this notification (the `Last-Event-ID` header wins)" }),
  ),
});
export const EventStream = Type.Unsafe<string>({
  type: "string",
  contentMediaType: "text/event-stream",
  description:
    '`event: notification` (`id:` the notification\'s id, `data:` a Notification), each followed by `event: unread` (`data: {"count":N}`); a `: heartbeat` comment line now and then',
});

export const NotificationPreferences = Obj({
  channels: Type.Array(Obj({ id: Type.String(), name: Type.String(), available: Type.Boolean() }), {
    description: "`in-app` first, then the enabled channel plugins",
  }),
  events: Type.Array(
    Obj({
      event: Type.String(),
      label: Type.String({ description: "In the user's language" }),
      group: Enum(notificationGroups),
      channels: Type.Record(Type.String(), Type.Boolean(), { description: "Channel id → on" }),
    }),
    { description: "The events this user may receive notifications of" },
  ),
});
export const UpdateNotificationPreferencesBody = Obj({
  events: Type.Record(EventName, Type.Record(ChannelId, Type.Boolean(), { maxProperties: 20 }), {
    description: "Event → channel id → on; pairs left out keep their setting",
    maxProperties: 50,
  }),
});
