import { defineElement } from "../../runtime/define-element.js";
// Shown above the list: defined with it.
import "../cab-contract/cab-contract.js";
import "../cab-statement-request/cab-statement-request.js";
import { CabDocuments } from "./cab-documents.component.js";

export { CabDocuments };

defineElement("cab-documents", CabDocuments);

declare global {
  interface HTMLElementTagNameMap {
    "cab-documents": CabDocuments;
  }
}
