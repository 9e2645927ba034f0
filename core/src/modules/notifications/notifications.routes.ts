import { CabinetError } from "../../errors/cabinet-error.js";
import { defineRoute } from "../../http/route.js";
import { CountUnreadNotifications } from "./count-unread-notifications.js";
import { GetNotificationPreferences } from "./get-notification-preferences.js";
import { ListNotifications } from "./list-notifications.js";
import { MarkAllNotificationsRead } from "./mark-all-notifications-read.js";
import { MarkNotificationRead } from "./mark-notification-read.js";
import {
  EventStream,
  ListNotificationsQuery,
  NotificationIdParams,
  NotificationPreferences,
  NotificationsPage,
  StreamQuery,
  UnreadCount,
  UpdateNotificationPreferencesBody,
} from "./notifications.schemas.js";
import { OpenNotificationStream } from "./open-notification-stream.js";
import { UpdateNotificationPreferences } from "./update-notification-preferences.js";

// Any signed-in user has notifications, and only ever sees their own: no permission needed.
const common = { tags: ["notifications"], auth: "user" as const };
const LAST_EVENT_ID = /^ntf_[0-9a-z]{10,40}$/;

export const notificationRoutes = [
  defineRoute({
    ...common,
    method: "get",
    path: "/notifications",
    operationId: "listNotifications",
    summary: "The caller's notifications, newest first",
    query: ListNotificationsQuery,
    response: NotificationsPage,
    handler: ({ auth, query, scope }) => scope.resolve(ListNotifications).execute(auth, query),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/notifications/unread-count",
    operationId: "countUnreadNotifications",
    summary: "How many of the caller's notifications are unread",
    response: UnreadCount,
    handler: ({ auth, scope }) => scope.resolve(CountUnreadNotifications).execute(auth),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/notifications/read-all",
    operationId: "markAllNotificationsRead",
    summary: "Marks all the caller's notifications read",
    response: null,
    handler: ({ auth, scope }) => scope.resolve(MarkAllNotificationsRead).execute(auth),
  }),
  defineRoute({
    ...common,
    method: "post",
    path: "/notifications/:id/read",
    operationId: "markNotificationRead",
    summary: "Marks one of the caller's notifications read",
    description: "Another user's notification answers 404.",
    params: NotificationIdParams,
    response: null,
    handler: ({ auth, params, scope }) => scope.resolve(MarkNotificationRead).execute(auth, params.id),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/notifications/preferences",
    operationId: "getNotificationPreferences",
    summary: "The caller's notification settings: channels, and events × channels",
    response: NotificationPreferences,
    handler: ({ auth, scope }) => scope.resolve(GetNotificationPreferences).execute(auth),
  }),
  defineRoute({
    ...common,
    method: "put",
    path: "/notifications/preferences",
    operationId: "updateNotificationPreferences",
    summary: "Turns channels on or off per event",
    description: "An event the caller does not receive, or a channel that is not enabled, answers 400 CAB_ERR_VALIDATION and saves nothing.",
    body: UpdateNotificationPreferencesBody,
    response: NotificationPreferences,
    handler: ({ auth, body, scope }) => scope.resolve(UpdateNotificationPreferences).execute(auth, body.events),
  }),
  defineRoute({
    ...common,
    method: "get",
    path: "/notifications/stream",
    operationId: "streamNotifications",
    summary: "The caller's new notifications, live, as Server-Sent Events",
    description:
      "Authenticated by the session cookie, or by `?access_token=` (EventSource cannot send an Authorization header). " +
      "Resumes after `Last-Event-ID` (or `?lastEventId=`): every newer notification is sent first. Heartbeat comments keep it open.",
    tokenInQuery: true,
    query: StreamQuery,
    response: EventStream,
    produces: "text/event-stream",
    async handler({ auth, query, scope, ctx }) {
      const header = ctx.get("last-event-id");
      if (header && !LAST_EVENT_ID.test(header)) {
        throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "header", path: "/Last-Event-ID", message: "is not a notification id" }] });
      }
      // The stream stays open: no idle time-out, no buffering by a proxy in between.
      ctx.req.socket.setTimeout(0);
      ctx.req.socket.setNoDelay(true);
      ctx.set("Cache-Control", "no-cache, no-transform");
      ctx.set("X-Accel-Buffering", "no");
      const closed = new Promise((resolve) => ctx.res.once("close", resolve));
      return (await scope.resolve(OpenNotificationStream).execute(auth, header || query.lastEventId, closed)) as never;
    },
  }),
];
