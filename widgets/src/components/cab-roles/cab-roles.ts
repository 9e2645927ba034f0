import { defineElement } from "../../runtime/define-element.js";
import { CabRoles } from "./cab-roles.component.js";

export { CabRoles };

defineElement("cab-roles", CabRoles);

declare global {
  interface HTMLElementTagNameMap {
    "cab-roles": CabRoles;
  }
}
