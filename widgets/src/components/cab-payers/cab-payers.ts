import { defineElement } from "../../runtime/define-element.js";
import { CabPayers } from "./cab-payers.component.js";

export { CabPayers };

defineElement("cab-payers", CabPayers);

declare global {
  interface HTMLElementTagNameMap {
    "cab-payers": CabPayers;
  }
}
