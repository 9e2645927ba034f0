import { defineElement } from "../../runtime/define-element.js";
import { CabOrder } from "./cab-order.component.js";

export { CabOrder };

defineElement("cab-order", CabOrder);

declare global {
  interface HTMLElementTagNameMap {
    "cab-order": CabOrder;
  }
}
