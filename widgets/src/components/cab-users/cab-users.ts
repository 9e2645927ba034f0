import { defineElement } from "../../runtime/define-element.js";
import { CabUsers } from "./cab-users.component.js";

export { CabUsers };

defineElement("cab-users", CabUsers);

declare global {
  interface HTMLElementTagNameMap {
    "cab-users": CabUsers;
  }
}
