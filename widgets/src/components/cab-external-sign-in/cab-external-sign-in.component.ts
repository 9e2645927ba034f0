import { html, nothing, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { describeError } from "../../i18n/index.js";
import { privacyStrings, type PrivacyT } from "../../i18n/privacy.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import { CabinetElement } from "../../runtime/cabinet-element.js";
import { renderReauthFields } from "../../forms/form-parts.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { Resource } from "../../runtime/resource.js";
import type { SessionState } from "../../runtime/session-store.js";
import { widgetBlocks } from "../../theme/blocks.js";
import { privacyApi, type ExternalSignIn } from "../../privacy/privacy-api.js";
import { exchangeExternalReturn, externalReturnKeys, takeExternalReturn } from "../../privacy/external-return.js";
import { styles } from "./cab-external-sign-in.styles.js";
// The sign-in strings (en.login), in the sign-in widgets' chunks rather than the runtime's.
import "../../i18n/login.en.js";

/**
 * Sign-in with the external providers the brand offers (OpenID Connect: Google, GitLab…): a
 * "Continue with …" button each while signed out. Back from the provider, it trades the
 * one-time code in the address for a session, which every widget shares. With `manage`, for
 * a signed-in user: the identities they bound, to unbind, and the providers to bind
 * (re-authenticated by their password when they have one, and the code of their second factor
 * when it is on). `<cab-login>` shows it below its form.
 *
 * @event cab-external-bound - `detail: { provider }` after binding. Bubbles, is composed.
 * @event cab-second-factor-required - `detail: { challenge }` when the user has a second factor on: `<cab-login>` (which holds this element) then asks for it. Bubbles, is composed.
 *
 * @csspart provider - A "Continue with …" or "Link …" button.
 * @csspart identity - A bound identity.
 * @csspart unbind - Its "Unlink" button.
 * @csspart password - The password field (re-authentication).
 * @csspart code - The second factor's code field (re-authentication, when a second factor is on).
 * @csspart error - A failure (`role="alert"`).
 *
 * @cssproperty --cab-color-primary - Buttons. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-external-sign-in></cab-external-sign-in>
 * <cab-external-sign-in manage></cab-external-sign-in>
 * ```
 *
 * @tag cab-external-sign-in
 */
export class CabExternalSignIn extends CabinetElement {
  static override styles = [...widgetBlocks, styles];

  /** Show (and change) the signed-in user's bound identities instead of the sign-in buttons. */
  @property({ type: Boolean }) manage = false;

  /** The providers to sign in with (asked without a session). */
  private readonly providers = new Resource(this, (signal) => privacyApi.providers(this.cabinet.context!.api, signal).then((r) => r.items));
  /** The signed-in user's identities and the providers they may bind (`manage`). */
  private readonly methods = new Resource(this, (signal) => this.cabinet.context!.session.call((api, c) => privacyApi.signInMethods(api, c, signal)));
  /** What the last sign-in, binding or unbinding ran into (or the provider's refusal, back in the address). */
  @state() private error: unknown = null;
  @state() private busy = false;
  @state() private password = "";
  @state() private code = "";

  private strings: { locale: string; t: PrivacyT } | null = null;
  private returned = false;

  private get t(): PrivacyT {
    const locale = this.cabinet.settings.locale;
    if (this.strings?.locale !== locale) this.strings = { locale, t: privacyStrings(locale) };
    return this.strings.t;
  }

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    if (previous === null && !this.returned) {
      this.returned = true;
      const back = takeExternalReturn(externalReturnKeys.signIn);
      if (back?.code) void this.exchange(back.code);
      if (back?.error) this.error = new CabinetApiError(back.error, back.error, 400);
      if (back?.bound) this.emit("cab-external-bound", { provider: back.bound });
    }
    if (state.status === "signed-out" && !this.providers.value?.length) void this.loadProviders();
    if (state.status === "signed-in" && this.manage) void this.loadMethods();
    if (state.status !== "signed-in") this.methods.clear();
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private async loadProviders(): Promise<void> {
    if (this.cabinet.context) await this.providers.load();
  }

  private async loadMethods(): Promise<void> {
    if (this.cabinet.context) await this.methods.load(true);
  }

  private async exchange(code: string): Promise<void> {
    // The session outlives this element: <cab-login> drops its form (and this) once signed in.
    const context = this.cabinet.context;
    if (!context) return;
    this.busy = true;
    try {
      await exchangeExternalReturn(context.session, code);
    } catch (cause) {
      // The provider proved the first factor; <cab-login> asks for the second.
      if (cause instanceof CabinetApiError && cause.code === "CAB_ERR_SECOND_FACTOR_REQUIRED" && typeof cause.details.challenge === "string") {
        this.dispatchEvent(new CustomEvent("cab-second-factor-required", { detail: { challenge: cause.details.challenge }, bubbles: true, composed: true }));
        return;
      }
      this.error = cause;
    } finally {
      this.busy = false;
    }
  }

  private async go(provider: string, purpose: "sign-in" | "bind"): Promise<void> {
    const context = this.cabinet.context;
    if (this.busy || !context) return;
    this.busy = true;
    this.error = null;
    try {
      const returnTo = `${location.origin}${location.pathname}${location.search}`;
      const body = { purpose, returnTo, mode: context.session.mode, ...(purpose === "bind" ? this.reauth() : {}) };
      const { url } = await context.session.call((api, c) => privacyApi.startExternal(api, provider, body, c));
      location.assign(url);
    } catch (cause) {
      this.error = cause;
      this.busy = false;
    }
  }

  private async unbind(id: string): Promise<void> {
    const context = this.cabinet.context;
    if (this.busy || !context) return;
    this.busy = true;
    this.error = null;
    try {
      await context.session.call((api, c) => privacyApi.unbind(api, id, this.reauth(), c));
      this.password = "";
      this.code = "";
      await this.loadMethods();
    } catch (cause) {
      this.error = cause;
    } finally {
      this.busy = false;
    }
  }

  /** What re-authentication takes here: the fields filled in (the core says which it needs). */
  private reauth(): { password?: string; code?: string } {
    const code = this.code.replace(/\s+/g, "");
    return { ...(this.password ? { password: this.password } : {}), ...(code ? { code } : {}) };
  }

  protected override render(): TemplateResult {
    if (!this.cabinet.context) return html``;
    const t = this.t;
    const state = this.cabinet.session.state;
    const error = this.error ? html`<p class="error" part="error" role="alert">${describeError(t, this.error)}</p>` : nothing;
    if (state.status === "signed-in") {
      if (!this.manage) return html`${error}`;
      const methods = this.methods.value;
      const failed = this.methods.error ? renderFailure(t, this.methods.error, () => void this.loadMethods()) : nothing;
      return methods ? html`${error}${failed}${this.renderManage(t, methods)}` : html`${error}${failed}`;
    }
    if (state.status !== "signed-out") return html`${error}`;
    // Signed out, a failure to list the providers is said (the form above still signs in with a password).
    if (this.providers.error) return html`${error}${renderFailure(t, this.providers.error, () => void this.loadProviders())}`;
    const providers = this.providers.value ?? [];
    if (providers.length === 0) return html`${error}`;
    return html`${error}
      <div class="providers" lang=${this.cabinet.settings.locale}>
        ${providers.map(
          (p) =>
            html`<button
              class="button secondary"
              part="provider"
              type="button"
              data-provider=${p.id}
              ?disabled=${this.busy}
              @click=${() => this.go(p.id, "sign-in")}
            >
              ${t.externalSignIn.continueWith(p.label)}
            </button>`,
        )}
      </div>`;
  }

  private renderManage(t: PrivacyT, methods: ExternalSignIn): TemplateResult {
    const boundProviders = new Set(methods.identities.map((i) => i.provider));
    return html`<section aria-label=${t.externalSignIn.title} lang=${this.cabinet.settings.locale}>
      <h3 class="subheading">${t.externalSignIn.title}</h3>
      ${renderReauthFields({
        password: methods.hasPassword ? { label: t.login.password, part: "password", value: this.password, onInput: (v) => (this.password = v) } : null,
        code: methods.twoFactor ? { label: t.externalSignIn.code, part: "code", value: this.code, onInput: (v) => (this.code = v) } : null,
      })}
      ${methods.identities.length === 0 ? html`<p class="muted">${t.externalSignIn.none}</p>` : nothing}
      <ul class="plain">
        ${methods.identities.map(
          (i) =>
            html`<li class="row" part="identity" data-provider=${i.provider}>
              <span>${t.externalSignIn.bound(i.label, i.email)}</span>
              <button class="button secondary small" part="unbind" type="button" ?disabled=${this.busy} @click=${() => this.unbind(i.id)}>
                ${t.externalSignIn.unbind}
              </button>
            </li>`,
        )}
      </ul>
      <div class="row">
        ${methods.providers
          .filter((p) => !boundProviders.has(p.id))
          .map(
            (p) =>
              html`<button class="button small" part="provider" type="button" ?disabled=${this.busy} @click=${() => this.go(p.id, "bind")}>
                ${t.externalSignIn.bind(p.label)}
              </button>`,
          )}
      </div>
    </section>`;
  }
}
