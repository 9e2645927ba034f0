/** The notifications module's public face: in-app notifications, preferences and their delivery through channels. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { NotificationsPersonalData } from "./notifications-personal-data.js";
import { TOKENS } from "../../kernel/tokens.js";
import { notificationRoutes } from "./notifications.routes.js";
import { drainNotifications, registerNotifications, startNotifications, stopNotifications } from "./register-notifications.js";

export const notificationsModule = defineModule({
  name: "notifications",
  routes: notificationRoutes,
  register(container) {
    registerNotifications(container);
    container.register(TOKENS.PersonalDataSources, { useClass: NotificationsPersonalData });
  },
  start: startNotifications,
  drain: drainNotifications,
  stop: stopNotifications,
});

export { NotificationsPersonalData };
