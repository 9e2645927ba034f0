import { defineElement } from "../../runtime/define-element.js";
import { CabExternalSignIn } from "./cab-external-sign-in.component.js";

export { CabExternalSignIn };

defineElement("cab-external-sign-in", CabExternalSignIn);

declare global {
  interface HTMLElementTagNameMap {
    "cab-external-sign-in": CabExternalSignIn;
  }
}
