import { defineElement } from "../../runtime/define-element.js";
import { CabAudit } from "./cab-audit.component.js";

export { CabAudit };

defineElement("cab-audit", CabAudit);

declare global {
  interface HTMLElementTagNameMap {
    "cab-audit": CabAudit;
  }
}
