import { defineElement } from "../../runtime/define-element.js";
import { CabAccountSwitcher } from "./cab-account-switcher.component.js";

export { CabAccountSwitcher };

defineElement("cab-account-switcher", CabAccountSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    "cab-account-switcher": CabAccountSwitcher;
  }
}
