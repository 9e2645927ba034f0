import { LitElement } from "lit";
import { property } from "lit/decorators.js";
import { contextFor, type CabinetContext } from "../../runtime/cabinet-context.js";
import { resolveSettings } from "../../runtime/settings.js";
import { styles } from "./cab-config.styles.js";

/**
 * Configures every Cabinet widget on the page; it shows nothing. Optional: without it, each
 * widget talks to the page's own origin with a cookie session, in the page's language.
 * A widget's own attribute of the same name wins over this element's.
 *
 * Widgets read these attributes directly, so they work before this element's code has
 * loaded, and follow later changes (switching `locale` re-renders every widget). A widget
 * looks for the first `<cab-config>` in the document when it connects: add this element
 * with the page's markup, not after the widgets.
 *
 * Signing in and out is announced by `<cab-login>`'s `cab-signed-in` and `cab-signed-out`
 * events (a hand-off's session too), which bubble to the document: the provider's page signs
 * its own user out on `cab-signed-out`, and ends the session itself with `signOut()`.
 *
 * @example
 * ```html
 * <cab-config api-base="https://my.example.com" brand="northwind" locale="en" auth="cookie"></cab-config>
 * <cab-login></cab-login>
 * <cab-services></cab-services>
 * ```
 *
 * @tag cab-config
 */
export class CabConfig extends LitElement {
  static override styles = styles;

  /** The core's URL, e.g. `https://my.example.com`; defaults to the page's origin. */
  @property({ attribute: "api-base", reflect: true }) apiBase: string | null = null;
  /** `en` or `ru`; defaults to `<html lang>`, else the browser's language. */
  @property({ reflect: true }) locale: string | null = null;
  /** The brand's slug, sent as `X-Cabinet-Brand`; by default the core finds it from the page's origin. */
  @property({ reflect: true }) brand: string | null = null;
  /** `cookie` (the core on the same site) or `bearer` (any site; the token stays in memory). */
  @property({ reflect: true }) auth: "cookie" | "bearer" | null = null;
  /**
   * A one-time code from the provider's backend (`POST /api/v1/handoff`), written into the
   * page on every load: the widgets exchange it for a session, so the client never types a
   * Cabinet password and a reload keeps them signed in. Read once, when the first widget starts.
   */
  @property({ reflect: true }) handoff: string | null = null;
  /**
   * `brand`: apply the brand's theme tokens (set by the provider on the brand) to the page, as
   * defaults that the page's own `--cab-*` rules still override. Unset: only the page's CSS.
   */
  @property({ reflect: true }) theme: "brand" | null = null;

  private themeSheet: CSSStyleSheet | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.theme === "brand") void this.applyBrandTheme();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const doc = this.ownerDocument;
    if (this.themeSheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((sheet) => sheet !== this.themeSheet);
    this.themeSheet = null;
  }

  /**
   * One rule, `:where(:root)` (no specificity) in an adopted stylesheet: the tokens inherit into
   * every widget's shadow root, any rule of the page wins over them, and no inline style is
   * needed, so a strict Content-Security-Policy allows it.
   */
  private async applyBrandTheme(): Promise<void> {
    let profile;
    try {
      profile = await this.context.api.brandProfile();
    } catch {
      return; // no theme: the widgets' defaults and the page's CSS still apply
    }
    const tokens = Object.entries(profile.theme?.tokens ?? {}).filter(([name]) => /^--cab-[a-z0-9-]+$/.test(name));
    if (!tokens.length || !this.isConnected) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(":where(:root) {}");
    const rule = sheet.cssRules[0] as CSSStyleRule;
    for (const [name, value] of tokens) rule.style.setProperty(name, value);
    const doc = this.ownerDocument;
    doc.adoptedStyleSheets = [sheet, ...doc.adoptedStyleSheets];
    this.themeSheet = sheet;
  }

  /**
   * Signs the widgets in with a hand-off code got after the page loaded (a single-page app
   * asking its backend). Resolves with the signed-in client; rejects with a `CabinetApiError`
   * (`CAB_ERR_HANDOFF_INVALID`: used, expired or made for another page).
   */
  setHandoff(code: string) {
    return this.context.session.handoff(code);
  }

  /** Ends the widgets' session (as `<cab-login>`'s sign-out button does). */
  signOut(): Promise<void> {
    return this.context.session.signOut();
  }

  /**
   * The API client and session the widgets configured here share, for the page's own
   * scripts, e.g. `config.context.session.signOut()` from the provider's header menu.
   */
  get context(): CabinetContext {
    return contextFor(this, resolveSettings({}, this, this.ownerDocument));
  }
}
