import { defineElement } from "../../runtime/define-element.js";
import { CabNotificationPreferences } from "./cab-notification-preferences.component.js";

export { CabNotificationPreferences };

defineElement("cab-notification-preferences", CabNotificationPreferences);

declare global {
  interface HTMLElementTagNameMap {
    "cab-notification-preferences": CabNotificationPreferences;
  }
}
