import { defineElement } from "../../runtime/define-element.js";
import { CabSecurity } from "./cab-security.component.js";

export { CabSecurity };

defineElement("cab-security", CabSecurity);

declare global {
  interface HTMLElementTagNameMap {
    "cab-security": CabSecurity;
  }
}
