import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { html as staticHtml } from "lit/static-html.js";
import { describeError, type Locale } from "../../i18n/index.js";
import { servicePanelStrings, type ServicePanelT } from "../../i18n/service-panel.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { ServicePanel } from "../../runtime/api-types.js";
import { GatedElement } from "../../runtime/gated-element.js";
import { siblingTag } from "../../runtime/sub-element.js";
import { newIdempotencyKey } from "../../services/order-attempt.js";
import { servicesStyles } from "../../services/services.styles.js";
import { renderSparkline } from "./cab-service-panel.chart.js";
import { styles } from "./cab-service-panel.styles.js";

type Outcome = { tone: "success" | "danger"; text: string };

/**
 * The part of a service's page that its provisioner adds, while the service is active: read-only
 * facts (IP addresses, host names), credentials behind "Show" (the password asked again; the
 * server audits it), actions with a confirmation (reboot, reinstall — each enabled only when the
 * user's role allows it), a "log in to the control panel" button (a one-time link, opened in a
 * new tab) and small usage charts. Renders nothing for a service without such a part, or not
 * active. `<cab-service>` shows it under the service's facts.
 *
 * @csspart panel - The whole part.
 * @csspart server-facts - The list of read-only facts.
 * @csspart secret - One credential's row.
 * @csspart button - Every button.
 * @csspart confirm - The confirmation of an action.
 * @csspart outcome - An action's outcome; also `outcome-success`, `outcome-danger`.
 * @csspart metric - One usage chart.
 *
 * @cssproperty --cab-color-primary - The buttons and the charts.
 *
 * @example
 * ```html
 * <cab-service-panel service-id="svc_01jd3k7x9q4m2v8b6c5n0a1b2c"></cab-service-panel>
 * ```
 *
 * @tag cab-service-panel
 */
export class CabServicePanel extends GatedElement<ServicePanelT> {
  static override styles = [...servicesStyles, styles];

  /** The service (`svc_…`). */
  @property({ attribute: "service-id" }) serviceId = "";

  private readonly panel = this.resource((api, c, signal) => api.servicePanel(this.serviceId, this.cabinet.settings.locale, c, signal));
  /** Credentials shown, by key: kept in memory only, forgotten on "Hide" and on sign-out. */
  @state() private shown = new Map<string, string>();
  @state() private asking: string | null = null;
  @state() private needsCode = false;
  @state() private revealError: unknown = null;
  @state() private confirming: string | null = null;
  @state() private running: string | null = null;
  @state() private outcome: Outcome | null = null;
  @state() private opening = false;

  protected override stringsFor(locale: Locale): ServicePanelT {
    return servicePanelStrings(locale);
  }

  protected override labels(t: ServicePanelT) {
    return { title: t.panel.title, signedOut: "", forbidden: "" };
  }

  protected override reload(): void {
    void this.load();
  }

  protected override clear(): void {
    this.panel.clear();
    this.shown = new Map();
    this.asking = null;
    this.confirming = null;
    this.outcome = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("serviceId") && changed.get("serviceId") !== undefined && this.cabinet.context && this.access === "granted") {
      this.clear();
      void this.load();
    }
  }

  private async load(): Promise<void> {
    if (this.serviceId) await this.panel.load();
  }

  /**
   * Signed out, no access, no panel or not active: nothing at all (the service's page says the
   * rest). Also when already taken off the page (`<cab-service>` signed out): an update asked for
   * before then still runs, without a session to read.
   */
  protected override render(): TemplateResult {
    if (!this.cabinet.context || this.access !== "granted") return html``;
    return this.renderContent(this.t);
  }

  protected override renderContent(t: ServicePanelT): TemplateResult {
    const panel = this.panel.value;
    // A panel that cannot be had is not the page's failure: the provider's part is said unavailable, the rest stands.
    if (!panel)
      return this.panel.error ? html`<p class="notice" role="status">${t.panel.unavailable}</p>` : html`<p class="notice" role="status">${t.panel.loading}</p>`;
    if (panel.state === "unavailable") return html`<p class="notice" part="panel" role="status">${t.panel.unavailable}</p>`;
    if (panel.state !== "active") return html``;
    return html`
      <section class="panel" part="panel" aria-label=${t.panel.title}>
        ${this.renderOutcome()}
        ${
          panel.fields.length > 0
            ? html`<div>
                <h3 class="subheading">${t.panel.title}</h3>
                <dl class="facts" part="server-facts">
                  ${panel.fields.map(
                    (f) =>
                      html`<div class="fact">
                        <dt>${f.label}</dt>
                        <dd>${f.value}</dd>
                      </div>`,
                  )}
                </dl>
              </div>`
            : nothing
        }
        ${panel.credentials.length > 0 ? this.renderCredentials(t, panel) : nothing}
        ${panel.actions.length > 0 || panel.controlPanel ? this.renderActions(t, panel) : nothing}
        ${
          panel.metrics.length > 0
            ? html`<div class="metrics" role="group" aria-label=${t.panel.usage}>
                ${panel.metrics.map((m) => renderSparkline(t, m, this.cabinet.settings.locale))}
              </div>`
            : nothing
        }
      </section>
    `;
  }

  private renderOutcome() {
    const o = this.outcome;
    if (!o) return nothing;
    return html`<div class="outcome tone-${o.tone}" part="outcome outcome-${o.tone}" role=${o.tone === "danger" ? "alert" : "status"}>
      <p><strong>${o.text}</strong></p>
    </div>`;
  }

  private renderCredentials(t: ServicePanelT, panel: ServicePanel) {
    return html`
      <div role="group" aria-label=${t.panel.credentials}>
        <h3 class="subheading">${t.panel.credentials}</h3>
        ${panel.credentials.map((c) => {
          const value = this.shown.get(c.key);
          return html`
            <div class="secret" part="secret">
              <span>${c.label}:</span>
              ${
                value !== undefined
                  ? html`<code>${value}</code>
                      <button class="button secondary small" part="button" type="button" @click=${() => this.hide(c.key)}>${t.panel.hide}</button>`
                  : html`<span aria-hidden="true">${t.panel.hidden}</span>
                      <button
                        class="button secondary small"
                        part="button"
                        type="button"
                        aria-label=${t.panel.revealTitle(c.label)}
                        ?disabled=${!c.canReveal}
                        @click=${() => this.ask(c.key)}
                      >
                        ${t.panel.reveal}
                      </button>
                      ${c.canReveal ? nothing : html`<span class="hint">${t.panel.noRevealRight}</span>`}`
              }
            </div>
            ${this.asking === c.key ? this.renderReauth(t, c.key, c.label) : nothing}
          `;
        })}
      </div>
    `;
  }

  /** "Confirm it is you": the password (and the authenticator code once the server asked for it), and what went wrong. */
  private renderProof(t: ServicePanelT, prefix: string) {
    return html`<p class="hint">${t.panel.revealHint}</p>
      <div class="field">
        <label for="${prefix}-password">${t.panel.password}</label>
        <input class="input" id="${prefix}-password" name="password" type="password" autocomplete="current-password" />
      </div>
      ${
        this.needsCode
          ? html`<div class="field">
              <label for="${prefix}-code">${t.panel.code}</label>
              <input class="input" id="${prefix}-code" name="code" inputmode="numeric" autocomplete="one-time-code" />
            </div>`
          : nothing
      }
      ${this.revealError ? html`<p class="error" part="error" role="alert">${this.describe(t, this.revealError)}</p>` : nothing}`;
  }

  private renderReauth(t: ServicePanelT, key: string, label: string) {
    return html`
      <form class="confirm" part="confirm" novalidate aria-label=${t.panel.revealTitle(label)} @submit=${(e: Event) => this.reveal(e, key)}>
        ${this.renderProof(t, "reauth")}
        <div class="buttons">
          <button class="button small" part="button" type="submit" ?disabled=${this.running === `reveal:${key}`}>
            ${this.running === `reveal:${key}` ? t.panel.revealing : t.panel.confirmReveal}
          </button>
          <button class="button secondary small" part="button" type="button" @click=${() => (this.asking = null)}>${t.panel.cancel}</button>
        </div>
      </form>
    `;
  }

  private renderActions(t: ServicePanelT, panel: ServicePanel) {
    const pending = panel.actions.find((a) => a.key === this.confirming);
    return html`
      <div role="group" aria-label=${t.panel.actions}>
        <h3 class="subheading">${t.panel.actions}</h3>
        <div class="buttons">
          ${panel.actions.map(
            (a) =>
              html`<button
                class="button ${a.danger ? "danger" : "secondary"} small"
                part="button"
                type="button"
                ?disabled=${!a.allowed || this.running !== null}
                title=${a.allowed ? nothing : t.panel.notAllowed}
                @click=${() => this.confirm(a.key)}
              >
                ${this.running === a.key ? t.panel.running : a.label}
              </button>`,
          )}
          ${
            panel.controlPanel
              ? html`<button
                  class="button small"
                  part="button control-panel"
                  type="button"
                  ?disabled=${!panel.controlPanel.allowed || this.opening}
                  title=${panel.controlPanel.allowed ? t.panel.linkNote : t.panel.notAllowed}
                  @click=${() => this.openControlPanel()}
                >
                  ${this.opening ? t.panel.opening : panel.controlPanel.label}
                </button>`
              : nothing
          }
        </div>
        ${panel.actions.some((a) => !a.allowed) ? html`<p class="hint">${t.panel.notAllowed}</p>` : nothing}
        ${
          pending?.reveals
            ? this.renderRevealingAction(t, pending)
            : pending
              ? html`<div class="confirm" part="confirm" role="group" aria-label=${pending.label}>
                  <p>${pending.confirm}</p>
                  <div class="buttons">
                    <button
                      class="button ${pending.danger ? "danger" : ""} small"
                      part="button"
                      type="button"
                      ?disabled=${this.running !== null}
                      @click=${() => this.run(pending.key, pending.label)}
                    >
                      ${t.panel.confirmAction(pending.label)}
                    </button>
                    <button class="button secondary small" part="button" type="button" @click=${() => (this.confirming = null)}>${t.panel.cancel}</button>
                  </div>
                </div>`
              : nothing
        }
      </div>
    `;
  }

  /**
   * The confirmation of an action that replaces a credential (a password reset): the password
   * asked again, as for "Show", since its answer is the new value — shown at once, in the
   * credentials above.
   */
  private renderRevealingAction(t: ServicePanelT, action: ServicePanel["actions"][number]) {
    return html`<form
      class="confirm"
      part="confirm"
      novalidate
      aria-label=${action.label}
      @submit=${(e: Event) => this.runRevealing(e, action.key, action.label)}
    >
      <p>${action.confirm}</p>
      ${this.renderProof(t, "action")}
      <div class="buttons">
        <button class="button ${action.danger ? "danger" : ""} small" part="button" type="submit" ?disabled=${this.running !== null}>
          ${t.panel.confirmAction(action.label)}
        </button>
        <button class="button secondary small" part="button" type="button" @click=${() => (this.confirming = null)}>${t.panel.cancel}</button>
      </div>
    </form>`;
  }

  private describe(t: ServicePanelT, error: unknown): string {
    if (error instanceof CabinetApiError) {
      if (error.code === "CAB_ERR_PROVIDER_FAILED" && typeof error.details.reason === "string") return t.panel.failed(error.details.reason);
      if (error.code === "CAB_ERR_FORBIDDEN") return t.panel.notAllowed;
    }
    return describeError(t, error);
  }

  private confirm(key: string): void {
    this.confirming = key;
    this.outcome = null;
    this.revealError = null;
    this.needsCode = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>("#action-password")?.focus());
  }

  private ask(key: string): void {
    this.asking = key;
    this.revealError = null;
    this.needsCode = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>("#reauth-password")?.focus());
  }

  private hide(key: string): void {
    const shown = new Map(this.shown);
    shown.delete(key);
    this.shown = shown;
  }

  private async reveal(event: Event, key: string): Promise<void> {
    event.preventDefault();
    const proof = proofOf(event.target as HTMLFormElement);
    this.running = `reveal:${key}`;
    this.revealError = null;
    try {
      const revealed = await this.cabinet.session.call((api, c) => api.revealServiceCredential(this.serviceId, key, proof, c));
      this.shown = new Map(this.shown).set(key, revealed.value);
      this.asking = null;
    } catch (cause) {
      if (cause instanceof CabinetApiError && cause.code === "CAB_ERR_REAUTH_FAILED" && Array.isArray(cause.details.needs))
        this.needsCode = cause.details.needs.includes("code");
      this.noteFailure(cause);
      this.revealError = cause;
    } finally {
      this.running = null;
    }
  }

  private async run(key: string, label: string, reauth?: { password?: string; code?: string }): Promise<void> {
    if (this.running) return;
    this.running = key;
    this.outcome = null;
    this.revealError = null;
    try {
      const locale = this.cabinet.settings.locale;
      const result = await this.cabinet.session.call((api, c) => api.runServiceAction(this.serviceId, key, newIdempotencyKey(), locale, c, reauth));
      // A new credential (a password reset) is in this answer only: shown where the credential is.
      if (result.credential) this.shown = new Map(this.shown).set(result.credential.key, result.credential.value);
      this.outcome = { tone: "success", text: result.message ?? this.t.panel.done(label) };
      this.confirming = null;
    } catch (cause) {
      this.noteFailure(cause);
      if (reauth && cause instanceof CabinetApiError && cause.code === "CAB_ERR_REAUTH_FAILED") {
        // The password (or code) was wrong or missing: said in the form, which stays open.
        if (Array.isArray(cause.details.needs)) this.needsCode = cause.details.needs.includes("code");
        this.revealError = cause;
        return;
      }
      this.outcome = { tone: "danger", text: this.describe(this.t, cause) };
      this.confirming = null;
    } finally {
      this.running = null;
    }
  }

  private runRevealing(event: Event, key: string, label: string): Promise<void> {
    event.preventDefault();
    return this.run(key, label, proofOf(event.target as HTMLFormElement));
  }

  /**
   * Opens the tab at once (a tab opened after an answer arrives may be blocked as a pop-up),
   * then sends it to the one-time link.
   */
  private async openControlPanel(): Promise<void> {
    if (this.opening) return;
    this.opening = true;
    this.outcome = null;
    const tab = window.open("", "_blank");
    try {
      const link = await this.cabinet.session.call((api, c) => api.panelLoginLink(this.serviceId, c));
      if (tab) {
        tab.opener = null;
        tab.location.href = link.url;
      } else {
        window.location.assign(link.url);
      }
    } catch (cause) {
      tab?.close();
      this.noteFailure(cause);
      this.outcome = { tone: "danger", text: this.describe(this.t, cause) };
    } finally {
      this.opening = false;
    }
  }
}

/** The password and code a re-authentication form holds, those given. */
function proofOf(form: HTMLFormElement): { password?: string; code?: string } {
  const password = (form.elements.namedItem("password") as HTMLInputElement | null)?.value ?? "";
  const code = (form.elements.namedItem("code") as HTMLInputElement | null)?.value ?? "";
  return { ...(password ? { password } : {}), ...(code ? { code } : {}) };
}

/**
 * `<cab-service-panel>` for the service, under the host widget's own prefix and settings: what
 * `<cab-service>` renders under an active service's facts.
 */
export function renderServicePanel(
  host: HTMLElement & { apiBase: string | null; brand: string | null; auth: string | null; locale: string | null },
  serviceId: string,
): TemplateResult {
  const tag = siblingTag(host, "cab-service", "cab-service-panel");
  return staticHtml`<${tag} service-id=${serviceId} .apiBase=${host.apiBase} .brand=${host.brand} .auth=${host.auth} .locale=${host.locale}></${tag}>`;
}
