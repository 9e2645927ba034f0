import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { agreementsStrings, type AgreementsT } from "../../i18n/agreements.js";
import { describeError, type Locale } from "../../i18n/index.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { CabinetDocument, Payer, Permission } from "../../runtime/api-types.js";
import { payersApi } from "../../billing/payers-api.js";
import { renderPdfLink } from "../../runtime/document-file.js";
import { GatedElement } from "../../runtime/gated-element.js";
import { limitedToServices } from "../../runtime/rights.js";
import { billingStyles } from "../../billing/billing.styles.js";
import { styles } from "./cab-statement-request.styles.js";

/** How often, and how many times, the statement is looked at again while its PDF is printed. */
const POLL_MS = 2000;
const POLLS = 45;

const utcDay = (instant: number) => new Date(instant).toISOString().slice(0, 10);

/** `cab-document-issued`: a document this widget had issued (a reconciliation statement). */
export interface DocumentIssuedDetail {
  document: CabinetDocument;
}

/**
 * Requests a reconciliation statement for a period — every charge and payment with the opening
 * and closing balance — of a payer (asked when the account has two or more and the user may see
 * them; else the default payer's), whose last day may be today (it then runs up to now), shows the PDF
 * being prepared, then a link to it. A future last day or a period longer than the brand allows
 * is said next to the form. `<cab-documents>` shows it above its list; it stands alone too.
 *
 * Needs the `documents` or the `finance` permission.
 *
 * @event cab-document-issued - The statement was issued; `detail.document` (bubbles, composed).
 *
 * @csspart form - The form.
 * @csspart input - The two date fields.
 * @csspart payer - The payer choice (with two or more payers).
 * @csspart button - The submit button.
 * @csspart progress - "Preparing the PDF…" and "ready", with the download.
 * @csspart download - The PDF link (a button in bearer mode).
 * @csspart error - A refusal (`role="alert"`).
 *
 * @cssproperty --cab-color-primary - The button and the link.
 *
 * @example
 * ```html
 * <cab-statement-request></cab-statement-request>
 * ```
 *
 * @tag cab-statement-request
 */
export class CabStatementRequest extends GatedElement<AgreementsT> {
  static override styles = [billingStyles, styles];

  protected override readonly permission: Permission[] = ["documents", "finance"];

  @state() private from = "";
  @state() private to = "";
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private invalid = false;
  @state() private doc: CabinetDocument | null = null;
  @state() private slow = false;
  /** The account's payers, when the user may see them; with two or more, the form asks whose statement it is. */
  @state() private payers: Payer[] = [];
  @state() private payerId = "";

  private pollTimer: ReturnType<typeof setTimeout> | null = null;

  protected override stringsFor(locale: Locale): AgreementsT {
    return agreementsStrings(locale);
  }

  protected override labels(t: AgreementsT) {
    return { title: t.statement.title, signedOut: t.statement.signedOut, forbidden: t.statement.forbidden };
  }

  protected override reload(): void {
    const now = Date.now();
    if (!this.to) this.to = utcDay(now);
    if (!this.from) this.from = `${this.to.slice(0, 8)}01`;
    void this.loadPayers();
  }

  /** Without the right to see payers (documents only) none is offered: the statement is the default payer's. */
  private async loadPayers(): Promise<void> {
    try {
      const { items } = await this.cabinet.session.call((api, c) => payersApi.list(api, c));
      this.payers = items;
      if (!items.some((p) => p.id === this.payerId)) this.payerId = items.find((p) => p.isDefault)?.id ?? "";
    } catch {
      this.payers = [];
    }
  }

  protected override clear(): void {
    this.stopPolling();
    this.doc = null;
    this.error = null;
    this.payers = [];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPolling();
  }

  protected override renderContent(t: AgreementsT): TemplateResult {
    const today = utcDay(Date.now());
    if (limitedToServices(this.cabinet.session.me)) {
      return html`<div class="box">
        <h3 class="subheading">${t.statement.title}</h3>
        <p class="hint" part="not-allowed">${t.common.wholeAccountOnly}</p>
      </div>`;
    }
    return html`
      <form class="box" part="form" novalidate aria-labelledby="statement-title" @submit=${this.onSubmit}>
        <h3 class="subheading" id="statement-title">${t.statement.title}</h3>
        <p class="hint">${t.statement.lead}</p>
        <div class="period">
          <div class="field">
            <label for="from">${t.statement.from}</label>
            <input
              class="input"
              part="input"
              id="from"
              type="date"
              max=${today}
              .value=${this.from}
              @input=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="to">${t.statement.to}</label>
            <input
              class="input"
              part="input"
              id="to"
              type="date"
              max=${today}
              .value=${this.to}
              @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)}
            />
          </div>
        </div>
        ${this.renderPayer(t)} ${this.invalid ? html`<p class="error" part="error" role="alert">${t.statement.invalid}</p>` : nothing}
        ${this.error ? html`<p class="error" part="error" role="alert">${this.describe(t, this.error)}</p>` : nothing}
        <div class="actions">
          <button class="button" part="button" type="submit" ?disabled=${this.busy}>${this.busy ? t.statement.requesting : t.statement.request}</button>
        </div>
        ${this.renderProgress(t)}
      </form>
    `;
  }

  private renderPayer(t: AgreementsT) {
    if (this.payers.length < 2) return nothing;
    return html`<div class="field">
      <label for="payer">${t.statement.payer}</label>
      <select
        class="input"
        part="payer"
        id="payer"
        aria-describedby="payer-hint"
        @change=${(e: Event) => (this.payerId = (e.target as HTMLSelectElement).value)}
      >
        ${this.payers.map((payer) => html`<option value=${payer.id} ?selected=${payer.id === this.payerId}>${payer.name}</option>`)}
      </select>
      <p class="hint" id="payer-hint">${t.statement.payerHint}</p>
    </div>`;
  }

  private renderProgress(t: AgreementsT) {
    const doc = this.doc;
    if (!doc) return nothing;
    if (doc.status === "rendering") {
      return html`<div class="progress" part="progress" role="status">
        <progress aria-label=${t.statement.preparing}></progress>
        <span>${this.slow ? t.statement.slow : t.statement.preparing}</span>
      </div>`;
    }
    if (doc.status === "ready") {
      return html`<div class="progress" part="progress" role="status">
        <span>${t.statement.ready}</span>
        ${renderPdfLink(
          this.cabinet,
          doc,
          t.statement.download,
          (blob, name) => this.saveFile(blob, name),
          (cause) => (this.error = cause),
        )}
      </div>`;
    }
    return html`<p class="notice" part="progress" role="status">${doc.status === "failed" ? t.statement.failed : t.statement.notRendered}</p>`;
  }

  private describe(t: AgreementsT, error: unknown): string {
    if (error instanceof CabinetApiError && error.code === "CAB_ERR_UNPROCESSABLE") {
      if (error.details.reason === "the period is in the future") return t.statement.future;
      if (error.details.reason === "the period is too long" && typeof error.details.maxDays === "number") return t.statement.tooLong(error.details.maxDays);
      if (error.details.reason === "the period ends before it starts") return t.statement.invalid;
    }
    return describeError(t, error);
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.error = null;
    this.invalid = !/^\d{4}-\d{2}-\d{2}$/.test(this.from) || !/^\d{4}-\d{2}-\d{2}$/.test(this.to) || this.from > this.to;
    if (this.invalid) return;
    this.busy = true;
    this.stopPolling();
    this.doc = null;
    try {
      const locale = this.cabinet.settings.locale;
      this.doc = await this.cabinet.session.call((api, c) =>
        api.issueReconciliationStatement(this.from, this.to, locale, c, this.payers.length > 1 ? this.payerId || undefined : undefined),
      );
      this.emit<DocumentIssuedDetail>("cab-document-issued", { document: this.doc });
      this.slow = false;
      this.poll(0);
    } catch (cause) {
      this.noteFailure(cause);
      this.error = cause;
    } finally {
      this.busy = false;
    }
  }

  /** The PDF is printed in the background, in seconds: look again until it is ready (or a while has passed). */
  private poll(count: number): void {
    const doc = this.doc;
    if (!doc || doc.status !== "rendering" || !this.isConnected) return;
    if (count >= POLLS) {
      this.slow = true;
      return;
    }
    this.pollTimer = setTimeout(async () => {
      this.pollTimer = null;
      try {
        const fresh = await this.cabinet.session.call((api, c) => api.getDocument(doc.id, c));
        if (this.doc?.id !== doc.id) return;
        this.doc = fresh;
        if (fresh.status !== "rendering") this.emit<DocumentIssuedDetail>("cab-document-issued", { document: fresh });
      } catch (cause) {
        this.noteFailure(cause);
      }
      this.poll(count + 1);
    }, POLL_MS);
  }

  private stopPolling(): void {
    if (this.pollTimer !== null) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }
}
