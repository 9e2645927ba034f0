import { defineElement } from "../../runtime/define-element.js";
import { CabPayments } from "./cab-payments.component.js";

export { CabPayments };

defineElement("cab-payments", CabPayments);

declare global {
  interface HTMLElementTagNameMap {
    "cab-payments": CabPayments;
  }
}
