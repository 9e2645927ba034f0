import { defineElement } from "../../runtime/define-element.js";
import { CabPrivacy } from "./cab-privacy.component.js";

export { CabPrivacy };

defineElement("cab-privacy", CabPrivacy);

declare global {
  interface HTMLElementTagNameMap {
    "cab-privacy": CabPrivacy;
  }
}
