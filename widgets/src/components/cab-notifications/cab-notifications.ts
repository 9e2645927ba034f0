import { defineElement } from "../../runtime/define-element.js";
import { CabNotifications } from "./cab-notifications.component.js";

export { CabNotifications };

defineElement("cab-notifications", CabNotifications);

declare global {
  interface HTMLElementTagNameMap {
    "cab-notifications": CabNotifications;
  }
}
