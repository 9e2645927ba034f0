import { defineElement } from "../../runtime/define-element.js";
import { CabService } from "./cab-service.component.js";

export { CabService };

defineElement("cab-service", CabService);

declare global {
  interface HTMLElementTagNameMap {
    "cab-service": CabService;
  }
}
