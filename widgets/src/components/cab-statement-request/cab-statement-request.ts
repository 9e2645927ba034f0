import { defineElement } from "../../runtime/define-element.js";
import { CabStatementRequest } from "./cab-statement-request.component.js";

export { CabStatementRequest };

defineElement("cab-statement-request", CabStatementRequest);

declare global {
  interface HTMLElementTagNameMap {
    "cab-statement-request": CabStatementRequest;
  }
}
