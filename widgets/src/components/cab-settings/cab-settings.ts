import { defineElement } from "../../runtime/define-element.js";
import { CabSettings, type ProfileSavedDetail } from "./cab-settings.component.js";

export { CabSettings, type ProfileSavedDetail };

defineElement("cab-settings", CabSettings);

declare global {
  interface HTMLElementTagNameMap {
    "cab-settings": CabSettings;
  }
  interface HTMLElementEventMap {
    "cab-profile-saved": CustomEvent<ProfileSavedDetail>;
  }
}
