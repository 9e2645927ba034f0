import { defineElement } from "../../runtime/define-element.js";
import { CabConsentPrompt } from "./cab-consent-prompt.component.js";

export { CabConsentPrompt };

defineElement("cab-consent-prompt", CabConsentPrompt);

declare global {
  interface HTMLElementTagNameMap {
    "cab-consent-prompt": CabConsentPrompt;
  }
}
