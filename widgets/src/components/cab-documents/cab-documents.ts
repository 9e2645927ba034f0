import { defineElement } from "../../runtime/define-element.js";
import { CabDocuments } from "./cab-documents.component.js";

export { CabDocuments };

defineElement("cab-documents", CabDocuments);

declare global {
  interface HTMLElementTagNameMap {
    "cab-documents": CabDocuments;
  }
}
