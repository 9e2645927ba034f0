import { defineElement } from "../../runtime/define-element.js";
import { CabBalance } from "./cab-balance.component.js";

export { CabBalance };

defineElement("cab-balance", CabBalance);

declare global {
  interface HTMLElementTagNameMap {
    "cab-balance": CabBalance;
  }
}
