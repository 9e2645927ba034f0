import { defineElement } from "../../runtime/define-element.js";
import { CabInvoices } from "./cab-invoices.component.js";

export { CabInvoices };

defineElement("cab-invoices", CabInvoices);

declare global {
  interface HTMLElementTagNameMap {
    "cab-invoices": CabInvoices;
  }
}
