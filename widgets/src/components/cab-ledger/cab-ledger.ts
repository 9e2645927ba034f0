import { defineElement } from "../../runtime/define-element.js";
import { CabLedger } from "./cab-ledger.component.js";

export { CabLedger };

defineElement("cab-ledger", CabLedger);

declare global {
  interface HTMLElementTagNameMap {
    "cab-ledger": CabLedger;
  }
}
