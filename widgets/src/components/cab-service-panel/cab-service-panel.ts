import { defineElement } from "../../runtime/define-element.js";
import { CabServicePanel, renderServicePanel } from "./cab-service-panel.component.js";

export { CabServicePanel, renderServicePanel };

defineElement("cab-service-panel", CabServicePanel);

declare global {
  interface HTMLElementTagNameMap {
    "cab-service-panel": CabServicePanel;
  }
}
