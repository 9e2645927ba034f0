import { LitElement, type PropertyValues } from "lit";
import { property } from "lit/decorators.js";
import { CabinetController } from "./cabinet-controller.js";
import type { SessionState } from "./session-store.js";

/**
 * What every Cabinet widget shares: the four settings attributes (which override
 * `<cab-config>`'s), translations and the session. Not a widget itself.
 */
export abstract class CabinetElement extends LitElement {
  /** The core's URL; defaults to `<cab-config>`'s, else the page's origin. */
  @property({ attribute: "api-base" }) apiBase: string | null = null;
  /** The brand's slug, sent as `X-Cabinet-Brand`. */
  @property() brand: string | null = null;
  /** `cookie` (same site) or `bearer` (token in memory, any site). */
  @property() auth: string | null = null;
  /** `en` or `ru`; defaults to `<cab-config>`'s, else `<html lang>`, else the browser's. */
  @property() locale: string | null = null;

  protected readonly cabinet = new CabinetController(this, (state, previous) => this.sessionChanged(state, previous));

  /** Called when the session changes; `previous` is null on (re)connection. */
  protected sessionChanged(_state: SessionState, _previous: SessionState | null): void {}

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("apiBase") || changed.has("brand") || changed.has("auth") || changed.has("locale")) this.cabinet.refresh(false);
  }
}
