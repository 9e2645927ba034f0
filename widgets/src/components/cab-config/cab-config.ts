import { defineElement } from "../../runtime/define-element.js";
import { CabConfig } from "./cab-config.component.js";

export { CabConfig };

defineElement("cab-config", CabConfig);

declare global {
  interface HTMLElementTagNameMap {
    "cab-config": CabConfig;
  }
}
