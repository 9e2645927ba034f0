import { defineElement } from "../../runtime/define-element.js";
import { CabServices } from "./cab-services.component.js";

export { CabServices };

defineElement("cab-services", CabServices);

declare global {
  interface HTMLElementTagNameMap {
    "cab-services": CabServices;
  }
}
