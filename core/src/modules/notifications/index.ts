/** The notifications module's public face: in-app notifications, preferences and their delivery through channels. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { notificationRoutes } from "./notifications.routes.js";
import { registerNotifications, startNotifications, stopNotifications } from "./register-notifications.js";

export const notificationsModule = defineModule({
  name: "notifications",
  routes: notificationRoutes,
  register: registerNotifications,
  start: startNotifications,
  stop: stopNotifications,
});
