import { defineElement } from "../../runtime/define-element.js";
// The form shows the brand's external sign-in buttons below it.
import "../cab-external-sign-in/cab-external-sign-in.js";
import { CabLogin, type SignedInDetail, type SignedOutDetail } from "./cab-login.component.js";

export { CabLogin, type SignedInDetail, type SignedOutDetail };

defineElement("cab-login", CabLogin);

declare global {
  interface HTMLElementTagNameMap {
    "cab-login": CabLogin;
  }
  interface HTMLElementEventMap {
    "cab-signed-in": CustomEvent<SignedInDetail>;
    "cab-signed-out": CustomEvent<SignedOutDetail>;
  }
}
