import { defineElement } from "../../runtime/define-element.js";
import { CabTickets } from "./cab-tickets.component.js";

export { CabTickets };

defineElement("cab-tickets", CabTickets);

declare global {
  interface HTMLElementTagNameMap {
    "cab-tickets": CabTickets;
  }
}
