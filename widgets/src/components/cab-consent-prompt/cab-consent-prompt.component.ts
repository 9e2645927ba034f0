import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import type { PrivacyT } from "../../i18n/privacy.js";
import { describeError } from "../../i18n/index.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { widgetBlocks } from "../../theme/blocks.js";
import { PrivacyElement } from "../../privacy/privacy-element.js";
import { privacyApi, type ConsentDecision } from "../../privacy/privacy-api.js";
import type { SessionState } from "../../runtime/session-store.js";
import { styles } from "./cab-consent-prompt.styles.js";

/** `cab-consents-recorded`: the decisions just recorded. */
export interface ConsentsRecordedDetail {
  decisions: { documentId: string; decision: ConsentDecision }[];
}

/**
 * Asks the signed-in user to accept updated legal documents. Put it once on every page of the
 * client area: it stays empty until the user has something to decide — right after sign-in,
 * and whenever a call is refused with 403 CAB_ERR_CONSENT_REQUIRED (staff published a new
 * must-agree version). Required documents cover the page until accepted; optional ones shown
 * after sign-in (marketing e-mails, SMS) can be accepted, declined or left for later. Once
 * recorded, every widget of the session loads afresh.
 *
 * @event cab-consents-recorded - `detail: { decisions }`. Bubbles, is composed.
 *
 * @csspart panel - The prompt's panel.
 * @csspart document - One document: title, version, text, choice.
 * @csspart submit - The "Continue" button.
 * @csspart error - A failure (`role="alert"`).
 *
 * @cssproperty --cab-color-primary - Buttons. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-consent-prompt></cab-consent-prompt>
 * ```
 *
 * @tag cab-consent-prompt
 */
export class CabConsentPrompt extends PrivacyElement {
  static override styles = [...widgetBlocks, styles];

  private readonly consents = this.resource((api, c, signal) => privacyApi.consents(api, c, signal));
  @state() private choices: Record<string, ConsentDecision | null> = {};
  @state() private saving = false;
  @state() private error: unknown = null;
  @state() private postponed = false;

  private stopConsentNews: (() => void) | null = null;
  /** Whether the blocking panel has had the focus since it appeared. */
  private focused = false;

  protected override labels(t: PrivacyT) {
    return { title: t.consent.title, signedOut: "", forbidden: "" };
  }

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    if (previous === null) {
      this.stopConsentNews?.();
      this.stopConsentNews = this.cabinet.context?.session.onConsentRequired(() => void this.load(true)) ?? null;
    }
    super.sessionChanged(state, previous);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopConsentNews?.();
    this.stopConsentNews = null;
  }

  protected override reload(): void {
    void this.load(false);
  }

  protected override clear(): void {
    this.choices = {};
    this.error = null;
    this.postponed = false;
  }

  private async load(required: boolean): Promise<void> {
    if (this.saving) return;
    // A failed load keeps what is on screen (the panel stays), and says so with "Try again".
    const consents = await this.consents.load(true);
    if (!consents) return;
    // Loaded again while the panel is open (every call refused by the consent guard meanwhile,
    // e.g. the bell's retries, asks for a load): keep what the user has ticked so far.
    this.choices = Object.fromEntries([...consents.required, ...consents.suggested].map((id) => [id, this.choices[id] ?? null]));
    if (required) this.postponed = false;
    // The user's own slip ("accept every required…", a string) stays until they submit again.
    if (typeof this.error !== "string") this.error = null;
  }

  private get asked() {
    const consents = this.consents.value;
    if (!consents) return [];
    const ids = new Set([...consents.required, ...(this.postponed ? [] : consents.suggested)]);
    return consents.documents.filter((d) => ids.has(d.id));
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const consents = this.consents.value;
    const context = this.cabinet.context;
    if (!consents || !context) return;
    if (consents.required.some((id) => this.choices[id] !== "accepted")) {
      this.error = this.t.consent.mustAcceptAll;
      return;
    }
    const decisions = this.asked.flatMap((d) => (this.choices[d.id] ? [{ documentId: d.id, decision: this.choices[d.id]! }] : []));
    this.saving = true;
    this.error = null;
    try {
      if (decisions.length > 0) await context.session.call((api, c) => privacyApi.decide(api, decisions, c));
      this.consents.set(null);
      this.emit<ConsentsRecordedDetail>("cab-consents-recorded", { decisions });
      // The widgets that were refused meanwhile load again.
      if (consents.required.length > 0) context.session.reopen();
    } catch (cause) {
      this.error = cause;
    } finally {
      this.saving = false;
    }
  }

  protected override updated(): void {
    // A modal panel takes the focus when it appears, so keyboard and screen-reader users start in it.
    const panel = this.renderRoot.querySelector<HTMLElement>(".overlay .panel");
    if (panel && !this.focused) panel.focus();
    this.focused = panel !== null;
  }

  protected override render(): TemplateResult {
    // Nothing to show while signed out or with nothing to decide.
    if (this.access !== "granted" || this.asked.length === 0) return html``;
    return super.render();
  }

  protected override renderContent(t: PrivacyT): TemplateResult {
    const consents = this.consents.value!;
    const blocking = consents.required.length > 0;
    const panel = html`<form
      class="panel card"
      part="panel"
      tabindex="-1"
      role="dialog"
      aria-modal=${blocking ? "true" : "false"}
      aria-labelledby="consent-title"
      @submit=${this.submit}
    >
      <h2 class="heading" id="consent-title">${t.consent.title}</h2>
      ${blocking ? html`<p class="muted">${t.consent.intro}</p>` : nothing}
      ${this.asked.map((doc) => {
        const required = consents.required.includes(doc.id);
        return html`<section class="document" part="document" data-kind=${doc.kind}>
          <h3 class="subheading">${doc.title} <span class="badge">${required ? t.consent.required : t.consent.optional}</span></h3>
          <p class="hint">${t.consent.version(doc.version, this.date(doc.effectiveAt))}</p>
          <div class="text" tabindex="0">${doc.body}</div>
          ${
            required
              ? html`<label class="choice"
                  ><input
                    type="checkbox"
                    name=${doc.id}
                    .checked=${this.choices[doc.id] === "accepted"}
                    @change=${(e: Event) => (this.choices = { ...this.choices, [doc.id]: (e.target as HTMLInputElement).checked ? "accepted" : null })}
                  />${t.consent.accept(doc.title)}</label
                >`
              : html`<div class="choice" role="radiogroup" aria-label=${doc.title}>
                  ${(["accepted", "declined"] as const).map(
                    (decision) =>
                      html`<label
                        ><input
                          type="radio"
                          name=${doc.id}
                          value=${decision}
                          .checked=${this.choices[doc.id] === decision}
                          @change=${() => (this.choices = { ...this.choices, [doc.id]: decision })}
                        />${decision === "accepted" ? t.consent.acceptOptional : t.consent.declineOptional}</label
                      >`,
                  )}
                </div>`
          }
        </section>`;
      })}
      ${this.consents.error ? renderFailure(t, this.consents.error, () => void this.load(false)) : nothing}
      ${
        this.error
          ? html`<p class="error" part="error" role="alert">${typeof this.error === "string" ? this.error : describeError(t, this.error)}</p>`
          : nothing
      }
      <div class="actions">
        <button class="button" part="submit" type="submit" ?disabled=${this.saving}>${this.saving ? t.consent.submitting : t.consent.submit}</button>
        ${blocking ? nothing : html`<button class="button secondary" type="button" @click=${() => (this.postponed = true)}>${t.consent.later}</button>`}
      </div>
    </form>`;
    return blocking ? html`<div class="overlay">${panel}</div>` : panel;
  }
}
