import { defineElement } from "../../runtime/define-element.js";
import { CabContract } from "./cab-contract.component.js";

export { CabContract };

defineElement("cab-contract", CabContract);

declare global {
  interface HTMLElementTagNameMap {
    "cab-contract": CabContract;
  }
}
