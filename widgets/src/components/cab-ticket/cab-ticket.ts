import { defineElement } from "../../runtime/define-element.js";
import { CabTicket } from "./cab-ticket.component.js";

export { CabTicket };

defineElement("cab-ticket", CabTicket);

declare global {
  interface HTMLElementTagNameMap {
    "cab-ticket": CabTicket;
  }
}
