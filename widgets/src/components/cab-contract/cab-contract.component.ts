import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { agreementsStrings, type AgreementsT } from "../../i18n/agreements.js";
import { describeError, type Locale } from "../../i18n/index.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { CurrentContract, Permission } from "../../runtime/api-types.js";
import { GatedElement } from "../../runtime/gated-element.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { billingStyles } from "../../billing/billing.styles.js";
import { styles } from "./cab-contract.styles.js";

/** `cab-contract-accepted`: the account accepted the contract at `version`. */
export interface ContractAcceptedDetail {
  version: string;
  acceptedAt: string;
}

/**
 * The brand's current contract (an offer) and whether the account accepted it: "Accepted on
 * <date>" with a link to the signed copy, or a box to tick and an Accept button. A contract
 * updated while the page was open is said so, with the new version to accept. `<cab-documents>`
 * shows it above its list; it stands alone too.
 *
 * Needs the `documents` or the `finance` permission.
 *
 * @event cab-contract-accepted - The contract was accepted; `detail.version`, `detail.acceptedAt` (bubbles, composed).
 *
 * @csspart box - The contract's box.
 * @csspart status - "Accepted on …" or "Not accepted yet".
 * @csspart button - The Accept button.
 * @csspart error - A failure (`role="alert"`).
 *
 * @example
 * ```html
 * <cab-contract></cab-contract>
 * ```
 *
 * @tag cab-contract
 */
export class CabContract extends GatedElement<AgreementsT> {
  static override styles = [billingStyles, styles];

  protected override readonly permission: Permission[] = ["documents", "finance"];

  private readonly contract = this.resource((api, c) => api.currentContract(c));
  @state() private agreed = false;
  @state() private mustAgree = false;
  @state() private busy = false;
  @state() private error: unknown = null;

  protected override stringsFor(locale: Locale): AgreementsT {
    return agreementsStrings(locale);
  }

  protected override labels(t: AgreementsT) {
    return { title: t.contract.title, signedOut: t.contract.signedOut, forbidden: t.contract.forbidden };
  }

  protected override reload(): void {
    void this.contract.load();
  }

  protected override clear(): void {
    this.error = null;
    this.agreed = false;
  }

  protected override renderContent(t: AgreementsT): TemplateResult {
    const contract = this.contract.value;
    if (!contract) {
      if (this.contract.error) return renderFailure(t, this.contract.error, () => void this.contract.load());
      return html`<p class="notice" role="status">${t.common.loading}</p>`;
    }
    return html`
      <section class="box" part="box" aria-labelledby="contract-title">
        <h3 class="subheading" id="contract-title">${t.contract.title}</h3>
        <div>
          <p class="name">${t.contract.name(contract.version)}</p>
          ${contract.accepted && contract.acceptedAt ? this.renderAccepted(t, contract) : html`<p class="muted" part="status">${t.contract.notAccepted}</p>`}
        </div>
        ${contract.accepted && contract.acceptedAt ? nothing : this.renderOffer(t, contract)}
      </section>
    `;
  }

  private renderAccepted(t: AgreementsT, contract: CurrentContract) {
    const api = this.cabinet.context!.api;
    return html`<p class="accepted" part="status" role="status">
      <span class="tick" aria-hidden="true">✓</span> ${t.contract.acceptedOn(this.date(contract.acceptedAt!))}
      ${
        contract.documentId
          ? html` · <a href=${api.url(api.documentPath(contract.documentId, "html")).href} target="_blank" rel="noopener">${t.contract.open}</a>`
          : nothing
      }
    </p>`;
  }

  private renderOffer(t: AgreementsT, contract: CurrentContract) {
    return html`
      <form novalidate @submit=${(e: Event) => this.accept(e, contract.version)}>
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.agreed}
            @change=${(e: Event) => ((this.agreed = (e.target as HTMLInputElement).checked), (this.mustAgree = false))}
          />
          <span>${t.contract.agree}</span>
        </label>
        ${this.mustAgree ? html`<p class="error" part="error" role="alert">${t.contract.mustAgree}</p>` : nothing}
        ${this.error ? html`<p class="error" part="error" role="alert">${this.describe(t, this.error)}</p>` : nothing}
        <div class="actions">
          <button class="button" part="button" type="submit" ?disabled=${this.busy}>${this.busy ? t.contract.accepting : t.contract.accept}</button>
        </div>
      </form>
    `;
  }

  private describe(t: AgreementsT, error: unknown): string {
    if (error instanceof CabinetApiError && error.code === "CAB_ERR_CONFLICT") return t.contract.changed;
    return describeError(t, error);
  }

  private async accept(event: Event, version: string): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    if (!this.agreed) {
      this.mustAgree = true;
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      const accepted = await this.cabinet.session.call((api, c) => api.acceptContract(version, c));
      this.contract.set({ version: accepted.version, accepted: true, acceptedAt: accepted.acceptedAt, documentId: accepted.document.id });
      this.emit<ContractAcceptedDetail>("cab-contract-accepted", { version: accepted.version, acceptedAt: accepted.acceptedAt });
    } catch (cause) {
      this.noteFailure(cause);
      this.error = cause;
      // A newer version: show it, to be read and accepted anew.
      if (cause instanceof CabinetApiError && cause.code === "CAB_ERR_CONFLICT") {
        this.agreed = false;
        await this.contract.load();
      }
    } finally {
      this.busy = false;
    }
  }
}
