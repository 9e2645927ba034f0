import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import type { ServicesT } from "../../i18n/services.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { CancelPreview, ChangePreview, ParameterDef, ParameterValue, Product, ServiceAction, ServiceDetail, ServiceHistoryEntry } from "../../runtime/api-types.js";
import { renderBadge, renderLoadMore } from "../../runtime/list-parts.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import { DebouncedRequest } from "../../services/debounced-request.js";
import { outcomeUnknown, WriteAttempt } from "../../services/order-attempt.js";
import { choiceKey, firstProblem, formatParameter, problemMessage, renderParameterFields, withDefaults, type ParameterValues } from "../../services/parameters.js";
import { fillTemplate } from "../../runtime/link-template.js";
import { describeReason, describeServiceError, invalidParameter, ServicesElement } from "../../services/services-element.js";
import { servicesStyles } from "../../services/services.styles.js";
import { statusTone } from "../../services/status-tone.js";
import { styles } from "./cab-service.styles.js";
import { renderServicePanel } from "../cab-service-panel/cab-service-panel.js";
// Its own strings (servicesEn.service), in this chunk rather than the services list's.
import "../../i18n/service-detail.en.js";

/** `cab-service-changed`: what the client did (`renew`, `change`, `cancel`, `delete`, `autoRenew`, `label`) and the service after it. */
export interface ServiceChangedDetail {
  action: "renew" | "change" | "cancel" | "delete" | "autoRenew" | "label";
  service: ServiceDetail;
  /** A renewal the balance did not cover: its invoice. */
  invoiceId?: string | null;
}

/** While a service is being set up, how often it is looked at again (ms), and how many times. */
const SETUP_RECHECK_MS = 3000;
const SETUP_RECHECKS = 40;

/** Renewals offered, in periods of the service's own length. */
const RENEW_PERIODS = [1, 2, 3, 6, 12];

type Outcome = { tone: "success" | "warning"; text: string; invoiceId?: string | null };

/**
 * One service: its status (and why, when setup failed), parameters, price and period, the date
 * it is paid until, auto-renewal, its label and its history; and what the client can do with
 * it — renew for one or more periods, change its parameters (with the server's preview of the
 * prorated amount due or credited, confirmed before anything changes), cancel now or at the
 * end of the paid period (saying first what comes back), delete once cancelled. One clear
 * state: a deleted service is one notice; an order awaiting payment offers its invoice and its
 * withdrawal; an action the service's status rules out is left out, one the caller's rights rule
 * out is disabled with the reason beside it; a user without the `services` permission sees
 * everything and changes nothing.
 *
 * @slot heading - Replaces the heading (the service's label or product name).
 *
 * @event cab-service-changed - `detail: { action, service, invoiceId? }` after a renewal, a change, a cancellation, a deletion, or a new label or auto-renewal. Bubbles and is composed.
 *
 * @csspart heading - The default heading.
 * @csspart badge - The status badge; also `badge-<status>`.
 * @csspart status-reason - Why the service is in its status (a setup error).
 * @csspart facts - Product, price, paid-until and order date (`<dl>`).
 * @csspart parameters - The parameters (`<dl>`); `next-parameters`: those waiting for the next renewal.
 * @csspart settings - Auto-renewal and the label.
 * @csspart action - A card of one action; also `action-renew`, `action-change`, `action-cancel`, `action-delete`, `action-withdraw` (an unpaid order).
 * @csspart state - The service's state when nothing more can be done with it: `state-deleted`, `state-cancelled`.
 * @csspart refund - What cancelling now gives back, said before the click.
 * @csspart invoice-waiting - An invoice that waits to be paid (a renewal's or an upgrade's), with its link.
 * @csspart reason - Why an action is disabled.
 * @csspart preview - The change's preview.
 * @csspart parameter - One parameter's control in the change form; also `parameter-<key>`.
 * @csspart range - A slider. @csspart input - A field or select. @csspart field-error - A parameter's problem.
 * @csspart outcome - What the last action did; also `outcome-success`, `outcome-warning`.
 * @csspart history - The history's table.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - "Changing it needs the services permission".
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons; `load-more` for the history's.
 *
 * @cssproperty --cab-color-danger - Cancel and delete, setup errors.
 * @cssproperty --cab-color-success - The "Active" badge and done actions. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-service service-id="svc_01jd…" invoice-href="/billing.html#invoices"></cab-service>
 * ```
 *
 * @tag cab-service
 */
export class CabService extends ServicesElement {
  static override styles = [servicesStyles, styles];

  /** The service to show (`svc_…`). */
  @property({ attribute: "service-id", reflect: true }) serviceId = "";
  /** Where an invoice is paid (a renewal's, when the balance is short), `{id}` standing for its id. */
  @property({ attribute: "invoice-href" }) invoiceHref = "";
  /** History entries per page, 1 to 100. */
  @property({ type: Number, attribute: "history-size" }) historySize = 10;

  @state() private service: ServiceDetail | null = null;
  @state() private loadError: unknown = null;
  /** The product's parameter definitions, from the catalog; null while unknown or no longer offered. */
  @state() private product: Product | null = null;
  /** Whether the catalog was asked for the product (answered or not): parameters wait for it, so no code flashes before its label. */
  @state() private productTried = false;
  @state() private outcome: Outcome | null = null;
  @state() private actionError: { action: string; cause: unknown } | null = null;
  @state() private renewPeriods = 1;
  @state() private changeValues: ParameterValues = {};
  @state() private cancelWhen: "period_end" | "now" = "period_end";
  @state() private confirming: "cancel" | "delete" | null = null;
  @state() private labelText: string | null = null;
  /** What cancelling now gives back (or withdrawing takes along), asked before the click; null while unknown. */
  @state() private cancelPreview: CancelPreview | null = null;
  @state() private cancelPreviewError: unknown = null;

  private loadRequest: AbortController | null = null;
  private cancelPreviewRequest: AbortController | null = null;
  private recheck: ReturnType<typeof setTimeout> | null = null;
  private rechecks = 0;
  private readonly changeAttempt = new WriteAttempt();
  // One key per renewal (or cancellation) the client means, kept across "Try again" after no answer.
  private readonly renewAttempt = new WriteAttempt();
  private readonly cancelAttempt = new WriteAttempt();
  private readonly preview = new DebouncedRequest<ParameterValues, ChangePreview>(
    (parameters, signal) => this.cabinet.session.call((api, c) => api.previewChange(this.serviceId, parameters, c, signal)),
    () => this.requestUpdate(),
  );
  private readonly history = new PagedList<ServiceHistoryEntry>(this, (cursor, signal) =>
    this.cabinet.session.call((api, c) => api.serviceHistory(this.serviceId, { cursor, limit: clampPageSize(this.historySize) }, c, signal)),
  );

  protected override reload(): void {
    void this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("serviceId") && changed.get("serviceId") !== undefined) {
      this.clear();
      if (this.signedIn) void this.load();
    }
  }

  protected override servicesChanged(ids: string[]): void {
    if (this.signedIn && ids.includes(this.serviceId) && this.busy === null) void this.load(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadRequest?.abort();
    this.stopRecheck();
    this.preview.reset();
  }

  private stopRecheck(): void {
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = null;
  }

  /** Setup runs in the background: look again a few times, so "Being set up" turns "Active" by itself. */
  private followSetup(service: ServiceDetail): void {
    this.stopRecheck();
    if (service.status !== "provisioning") {
      this.rechecks = 0;
      return;
    }
    if (this.rechecks >= SETUP_RECHECKS) return;
    this.rechecks++;
    this.recheck = setTimeout(() => {
      this.recheck = null;
      if (this.busy === null) void this.load(true);
      else this.followSetup(service);
    }, SETUP_RECHECK_MS);
  }

  protected override clear(): void {
    this.loadRequest?.abort();
    this.stopRecheck();
    this.rechecks = 0;
    this.service = null;
    this.product = null;
    this.productTried = false;
    this.loadError = null;
    this.outcome = null;
    this.actionError = null;
    this.confirming = null;
    this.labelText = null;
    this.dropCancelPreview();
    this.changeValues = {};
    this.preview.reset();
    this.history.clear();
  }

  /** The service, its product's parameters and its history; `quiet` keeps what is on screen meanwhile. */
  private async load(quiet = false): Promise<void> {
    const id = this.serviceId.trim();
    if (!id) return;
    this.loadRequest?.abort();
    const request = (this.loadRequest = new AbortController());
    if (!quiet) this.loadError = null;
    if (!quiet) void this.history.load("page");
    try {
      const service = await this.cabinet.session.call((api, c) => api.getService(id, c, request.signal));
      if (request.signal.aborted) return;
      const moved = this.service?.id === service.id && this.service.status !== service.status;
      this.setService(service, !quiet);
      this.loadError = null;
      this.followSetup(service);
      if (moved) void this.history.load("page", true);
      if (this.product?.id !== service.product.id) void this.loadProduct(service, request.signal);
    } catch (cause) {
      if (request.signal.aborted) return;
      this.loadError = cause;
    }
  }

  private async loadProduct(service: ServiceDetail, signal: AbortSignal): Promise<void> {
    try {
      const { items } = await this.cabinet.session.call((api, c) => api.catalog(service.price.currency, c, signal));
      if (signal.aborted) return;
      // A hidden or retired product is not in the catalog: the parameters show as they are.
      this.product = items.find((p) => p.id === service.product.id) ?? null;
      this.changeValues = this.product ? withDefaults(this.product.parameters, service.parameters) : {};
    } catch {
      // Without the catalog the change form is not offered; the rest of the page stands.
    } finally {
      if (!signal.aborted) this.productTried = true;
    }
  }

  /** Shows `service`; the change form starts again from its parameters unless they are the same (a quiet reload). */
  private setService(service: ServiceDetail, resetChange = true): void {
    // What cancelling gives back depends on the service as it is: asked again when it moved.
    if (this.service && (this.service.status !== service.status || this.service.paidUntil !== service.paidUntil || this.service.price.amount !== service.price.amount)) this.dropCancelPreview();
    const same = this.service?.id === service.id && choiceKey(this.service.parameters) === choiceKey(service.parameters);
    this.service = service;
    if (same && !resetChange) return;
    this.changeValues = this.product ? withDefaults(this.product.parameters, service.parameters) : {};
    this.preview.reset();
  }

  private action(name: keyof NonNullable<ServiceDetail["actions"]>): ServiceAction {
    return this.allowed(this.service?.actions?.[name]);
  }

  protected override labels(t: ServicesT) {
    const service = this.service;
    return { title: service ? (service.label ?? service.product.name) : t.service.title, signedOut: t.svc.signedOut, forbidden: t.errors.CAB_ERR_FORBIDDEN };
  }

  protected override renderContent(t: ServicesT): TemplateResult {
    if (!this.serviceId.trim()) return html`<p class="notice" part="empty">${t.service.noId}</p>`;
    const service = this.service;
    if (!service) {
      if (this.loadError) {
        return html`<div class="error" part="error" role="alert">
          <span>${describeServiceError(t, this.loadError)}</span>
          <button class="button secondary small" part="button" type="button" @click=${() => this.load()}>${t.common.retry}</button>
        </div>`;
      }
      return html`<p class="notice" role="status">${t.service.loading}</p>`;
    }
    const name = service.label ?? service.product.name;
    return html`
        <div class="header">
          <div>
            <slot name="heading"><h2 class="heading" part="heading">${name}</h2></slot>
            ${service.label ? html`<p class="muted product">${service.product.name}</p>` : nothing}
          </div>
          ${renderBadge(statusTone(service.status), service.status, this.statusLabel(service.status))}
        </div>
        ${service.statusReason ? html`<p class="status-reason" part="status-reason">${t.service.statusReason(service.statusReasonText ?? service.statusReason)}</p>` : nothing}
        ${service.cancelAtPeriodEnd
          ? html`<p class="notice cancel-note">${service.paidUntil ? t.service.cancelsOn(this.date(service.paidUntil)) : t.service.cancelsAtPeriodEnd}</p>`
          : nothing}
        ${this.renderOutcome()}
        ${this.loadError ? html`<p class="error" part="error" role="alert">${describeServiceError(t, this.loadError)}</p>` : nothing}
        ${this.renderFacts(t, service)}
        ${this.renderState(t, service)}
        ${this.renderHistory(t)}
    `;
  }

  /**
   * What the client can do, by the service's state — one clear state, never a wall of disabled
   * forms each saying "Not possible while…": a deleted service says so once; an unpaid order
   * offers its invoice and its withdrawal; a cancelled one its deletion; a running one its
   * settings and the actions its status allows.
   */
  private renderState(t: ServicesT, service: ServiceDetail) {
    if (service.status === "deleted") {
      return html`<div class="card state" part="state state-deleted" role="status">
        <h3 class="subheading">${t.service.deletedTitle}</h3><p class="muted">${t.service.deletedText}</p></div>`;
    }
    const forbidden = this.mayWrite ? nothing : html`<p class="notice" part="forbidden" role="status">${t.svc.forbiddenWrite}</p>`;
    if (service.status === "pending_payment") return html`${forbidden} ${this.renderAwaiting(t, service)} ${this.renderSettings(t, service)}`;
    // An action its status rules out is left out (the badge says the status); one the caller's rights rule out stays, with its reason.
    const shown = (name: "renew" | "change" | "cancel" | "delete") => !this.action(name).reason?.startsWith("status:");
    const cards = [
      shown("renew") ? this.renderRenew(t, service) : null,
      shown("change") ? this.renderChange(t, service) : null,
      shown("cancel") ? this.renderCancel(t, service) : null,
      shown("delete") ? this.renderDelete(t) : null,
    ].filter((card) => card !== null);
    return html`
      ${forbidden}
      ${service.invoiceId && this.outcome?.invoiceId !== service.invoiceId ? this.renderInvoiceWaiting(t, service.invoiceId) : nothing}
      ${service.status === "cancelled" ? html`<p class="notice" part="state state-cancelled">${t.service.cancelledText}</p>` : nothing}
      ${service.status === "active" ? this.renderActivePanel(service) : nothing}
      ${service.status !== "cancelled" ? this.renderSettings(t, service) : nothing}
      ${cards.length ? html`<div class="action-grid">${cards}</div>` : nothing}
    `;
  }

  /** What the service's provisioner adds to a running service's page (addresses, credentials, actions, usage): only while it is active. */
  private renderActivePanel(service: ServiceDetail): TemplateResult {
    return renderServicePanel(this, service.id);
  }

  private invoiceLink(invoiceId: string) {
    const href = this.invoiceHref ? fillTemplate(this.invoiceHref, invoiceId) : null;
    return href ? html`<a class="button small" part="button invoice-link" href=${href}>${this.t.svc.openInvoice}</a>` : nothing;
  }

  private renderInvoiceWaiting(t: ServicesT, invoiceId: string) {
    return html`<div class="outcome tone-warning" part="invoice-waiting" role="status"><p>${t.service.invoiceWaiting}</p>${this.invoiceLink(invoiceId)}</div>`;
  }

  /** An order waiting for its first payment: its invoice, and its withdrawal (the invoice voided, nothing charged). */
  private renderAwaiting(t: ServicesT, service: ServiceDetail) {
    const cancel = this.action("cancel");
    const confirming = this.confirming === "cancel";
    const others = Math.max(0, (this.cancelPreview?.services.length ?? 1) - 1);
    return html`<div class="card awaiting" part="action action-withdraw" role="group" aria-labelledby="awaiting-title">
      <h3 class="subheading" id="awaiting-title">${t.service.awaitingTitle}</h3>
      <p>${t.service.awaitingText}</p>
      ${confirming
        ? html`<p id="withdraw-question"><strong>${t.service.withdrawQuestion(others)}</strong></p>
            <div class="actions">
              <button class="button danger" part="button" type="button" ?disabled=${this.busy !== null} @click=${this.onWithdraw}>
                ${this.busy === "cancel" ? t.service.withdrawing : t.service.confirmWithdraw}</button>
              <button class="button secondary" part="button" type="button" @click=${() => this.ask(null)}>${t.service.keep}</button>
            </div>`
        : html`<div class="actions">
            ${service.invoiceId ? this.invoiceLink(service.invoiceId) : nothing}
            ${cancel.allowed ? html`<button class="button secondary danger-outline" part="button" type="button" ?disabled=${this.busy !== null}
              @click=${() => this.askCancel()}>${t.service.withdraw}</button>` : nothing}
          </div>`}
      ${this.errorOf("cancel")}
    </div>`;
  }

  private renderOutcome() {
    const o = this.outcome;
    if (!o) return nothing;
    return html`<div class="outcome tone-${o.tone}" part="outcome outcome-${o.tone}" role="status">
      <p><strong>${o.text}</strong></p>
      ${o.invoiceId ? this.invoiceLink(o.invoiceId) : nothing}
    </div>`;
  }

  private renderFacts(t: ServicesT, service: ServiceDetail) {
    const defs = this.product?.parameters ?? [];
    const entries = this.productTried ? Object.entries(service.parameters) : [];
    const next = service.nextParameters && this.productTried ? Object.entries(service.nextParameters) : [];
    const param = (key: string, value: ParameterValue) => {
      const def = defs.find((d) => d.key === key);
      return html`<div><dt>${def?.label ?? this.parameterName(key)}</dt><dd>${formatParameter(t, def, value, this.uiLocale)}</dd></div>`;
    };
    return html`
      <dl class="facts" part="facts">
        <div><dt>${t.service.product}</dt><dd>${service.product.name}</dd></div>
        <div><dt>${t.service.price}</dt><dd class="price">${t.svc.perPeriod(this.money(service.price), service.periodMonths)}</dd></div>
        <div><dt>${t.service.paidUntil}</dt><dd>${service.paidUntil ? this.date(service.paidUntil) : t.service.notPaid}</dd></div>
        <div><dt>${t.service.created}</dt><dd>${this.date(service.createdAt)}</dd></div>
      </dl>
      ${entries.length ? html`<dl class="parameters" part="parameters" aria-label=${t.services.parameters}>${entries.map(([k, v]) => param(k, v))}</dl>` : nothing}
      ${next.length
        ? html`<div class="next"><p class="subheading">${t.service.nextParameters}</p>
            <dl class="parameters" part="next-parameters" aria-label=${t.service.nextParameters}>${next.map(([k, v]) => param(k, v))}</dl></div>`
        : nothing}
    `;
  }

  private parameterName(key: string): string {
    const names: Partial<Record<string, string>> = this.t.services.parameter;
    return names[key] ?? key;
  }

  /** A disabled action's reason, tied to its control by `aria-describedby`. */
  private reason(id: string, action: ServiceAction) {
    return action.allowed ? nothing : html`<p class="reason" part="reason" id=${id}>${describeReason(this.t, action.reason)}</p>`;
  }

  private errorOf(action: string) {
    const e = this.actionError;
    return e?.action === action ? html`<p class="error" part="error" role="alert">${describeServiceError(this.t, e.cause)}</p>` : nothing;
  }

  private renderSettings(t: ServicesT, service: ServiceDetail) {
    const autoRenew = this.action("autoRenew");
    const labelAllowed = this.mayWrite && service.status !== "deleted";
    const labelValue = this.labelText ?? service.label ?? "";
    return html`<div class="settings card" part="settings">
      <div class="setting">
        <label class="checkbox">
          <input type="checkbox" .checked=${service.autoRenew} ?disabled=${!autoRenew.allowed || this.busy !== null}
            aria-describedby=${autoRenew.allowed ? nothing : "reason-auto-renew"} @change=${this.onAutoRenew} />
          <span>${t.service.autoRenew}</span>
        </label>
        ${this.reason("reason-auto-renew", autoRenew)} ${this.errorOf("autoRenew")}
      </div>
      <form class="label-form" novalidate @submit=${this.onLabel}>
        <div class="field">
          <label for="service-label">${t.service.label}</label>
          <input class="input" part="input" id="service-label" type="text" maxlength="100" autocomplete="off" .value=${labelValue}
            ?disabled=${!labelAllowed} @input=${(e: Event) => (this.labelText = (e.target as HTMLInputElement).value)} />
        </div>
        <button class="button secondary" part="button" type="submit" ?disabled=${!labelAllowed || this.busy !== null || this.labelText === null}>
          ${t.service.saveLabel}
        </button>
      </form>
      ${this.errorOf("label")}
    </div>`;
  }

  private renderRenew(t: ServicesT, service: ServiceDetail) {
    const renew = this.action("renew");
    const disabled = !renew.allowed || this.busy !== null;
    return html`<form class="card" part="action action-renew" novalidate @submit=${this.onRenew} aria-labelledby="renew-title">
      <h3 class="subheading" id="renew-title">${t.service.renewTitle}</h3>
      <div class="field">
        <label for="renew-periods">${t.service.periods}</label>
        <select class="input" part="input" id="renew-periods" ?disabled=${!renew.allowed}
          @change=${(e: Event) => (this.renewPeriods = Number((e.target as HTMLSelectElement).value))}>
          ${RENEW_PERIODS.map((n) => html`<option value=${n} ?selected=${n === this.renewPeriods}>${t.service.periodsOption(n, t.svc.period(n * service.periodMonths))}</option>`)}
        </select>
      </div>
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${disabled} aria-describedby=${renew.allowed ? nothing : "reason-renew"}>
          ${this.busy === "renew" ? t.service.renewing : t.service.renew}
        </button>
      </div>
      ${this.reason("reason-renew", renew)} ${this.errorOf("renew")}
    </form>`;
  }

  private get changedParameters(): ParameterValues | null {
    const product = this.product;
    const service = this.service;
    if (!product || !service) return null;
    const wanted = withDefaults(product.parameters, this.changeValues);
    const current = withDefaults(product.parameters, service.parameters);
    return choiceKey(wanted) === choiceKey(current) ? null : wanted;
  }

  private renderChange(t: ServicesT, service: ServiceDetail) {
    const change = this.action("change");
    const product = this.product;
    const defs: ParameterDef[] = product?.parameters ?? [];
    if (defs.length === 0) {
      return html`<div class="card" part="action action-change">
        <h3 class="subheading">${t.service.changeTitle}</h3>
        <p class="muted">${t.service.changeUnavailable}</p>
      </div>`;
    }
    const wanted = this.changedParameters;
    const key = choiceKey(service.id, wanted);
    const preview = wanted ? this.preview.valueFor(key) : null;
    const previewError = wanted ? this.preview.errorFor(key) : null;
    const problems: Record<string, string> = {};
    const bad = firstProblem(defs, withDefaults(defs, this.changeValues));
    if (bad) problems[bad.key] = problemMessage(t, bad, this.uiLocale);
    const named = defs.find((d) => d.key === (invalidParameter(previewError) ?? invalidParameter(this.actionError?.action === "change" ? this.actionError.cause : null)));
    if (named && !problems[named.key]) problems[named.key] = problemMessage(t, named, this.uiLocale);
    const canConfirm = change.allowed && !!preview && preview.kind !== "same" && this.busy === null;
    return html`<form class="card" part="action action-change" novalidate @submit=${this.onChange} aria-labelledby="change-title">
      <h3 class="subheading" id="change-title">${t.service.changeTitle}</h3>
      <div class="params">
        ${renderParameterFields({
          t,
          defs,
          values: this.changeValues,
          idPrefix: "change",
          locale: this.uiLocale,
          money: (m) => this.money(m),
          problems,
          onChange: (k, v) => this.setChangeValue(k, v),
          disabled: !change.allowed,
        })}
      </div>
      <div class="preview" part="preview" aria-live="polite" aria-busy=${this.preview.pendingKey ? "true" : "false"}>
        ${this.preview.pendingKey ? html`<p class="hint">${t.service.previewing}</p>` : nothing}
        ${preview ? this.renderPreview(t, service, preview) : nothing}
        ${previewError && !invalidParameter(previewError)
          ? html`<div class="error" part="error" role="alert"><span>${describeServiceError(t, previewError)}</span>
              <button class="button secondary small" part="button" type="button" @click=${() => this.askPreview(true)}>${t.common.retry}</button></div>`
          : nothing}
      </div>
      <div class="actions">
        <button class="button" part="button" type="submit" ?disabled=${!canConfirm} aria-describedby=${change.allowed ? nothing : "reason-change"}>
          ${this.busy === "change" ? t.service.changing : t.service.confirmChange}
        </button>
      </div>
      ${this.reason("reason-change", change)} ${this.errorOf("change")}
    </form>`;
  }

  private renderPreview(t: ServicesT, service: ServiceDetail, p: ChangePreview) {
    if (p.kind === "same") return html`<p>${t.service.previewSame}</p>`;
    const due = p.amountDue.amount;
    return html`<div class="preview-body">
      <p><strong>${p.kind === "upgrade" ? t.service.previewUpgrade : t.service.previewDowngrade}</strong> ·
        ${p.appliesAt === "now" ? t.service.appliesNow : t.service.appliesNextRenewal}</p>
      <p class="due">${due > 0
        ? t.service.dueNow(this.money(p.amountDue))
        : due < 0
          ? t.service.creditNow(this.money({ amount: -due, currency: p.amountDue.currency }))
          : t.service.nothingDue}</p>
      ${p.appliesAt === "now" && due !== 0 && service.paidUntil ? html`<p class="hint">${t.service.prorated(p.remainingDays, this.date(service.paidUntil))}</p>` : nothing}
      <p>${t.service.newPrice(t.svc.perPeriod(this.money(p.newPricePerPeriod), service.periodMonths))}</p>
    </div>`;
  }

  private renderCancel(t: ServicesT, service: ServiceDetail) {
    const cancel = this.action("cancel");
    const confirming = this.confirming === "cancel";
    return html`<form class="card" part="action action-cancel" novalidate @submit=${this.onCancel} aria-labelledby="cancel-title">
      <h3 class="subheading" id="cancel-title">${t.service.cancelTitle}</h3>
      <fieldset class="when" ?disabled=${!cancel.allowed}>
        <legend>${t.service.cancelWhen}</legend>
        <label class="radio"><input type="radio" name="cancel-when" value="period_end" .checked=${this.cancelWhen === "period_end"}
          @change=${() => (this.cancelWhen = "period_end")} /><span>${t.service.cancelAtPeriodEnd(service.paidUntil ? this.date(service.paidUntil) : null)}</span></label>
        <label class="radio"><input type="radio" name="cancel-when" value="now" .checked=${this.cancelWhen === "now"}
          @change=${() => this.chooseCancelNow()} /><span>${t.service.cancelNow}</span></label>
      </fieldset>
      ${this.cancelWhen === "now" && cancel.allowed ? this.renderRefund(t) : nothing}
      ${confirming
        ? html`<div class="confirm" role="group" aria-labelledby="cancel-question">
            <p id="cancel-question"><strong>${t.service.cancelQuestion}</strong></p>
            <div class="actions">
              <button class="button danger" part="button" type="submit" ?disabled=${this.busy !== null}>${this.busy === "cancel" ? t.service.cancelling : t.service.confirmCancel}</button>
              <button class="button secondary" part="button" type="button" @click=${() => this.ask(null)}>${t.service.keep}</button>
            </div>
          </div>`
        : html`<div class="actions">
            <button class="button secondary danger-outline" part="button" type="button" ?disabled=${!cancel.allowed || this.busy !== null}
              aria-describedby=${cancel.allowed ? nothing : "reason-cancel"} @click=${() => this.askCancel()}>${t.service.cancel}</button>
          </div>`}
      ${this.reason("reason-cancel", cancel)} ${this.errorOf("cancel")}
    </form>`;
  }

  /** What cancelling now gives back, from the server's preview, said before the click. */
  private renderRefund(t: ServicesT) {
    const p = this.cancelPreview;
    if (this.cancelPreviewError) {
      return html`<div class="error" part="error" role="alert"><span>${describeServiceError(t, this.cancelPreviewError)}</span>
        <button class="button secondary small" part="button" type="button" @click=${() => this.loadCancelPreview(true)}>${t.common.retry}</button></div>`;
    }
    if (!p) return html`<p class="hint" role="status">${t.service.refundLoading}</p>`;
    const text = p.refund.amount > 0 ? t.service.refundPreview(this.money(p.refund), p.remainingDays) : p.refundRule === "none" && p.remainingDays > 0 ? t.service.noRefundRule : t.service.noRefundPreview;
    return html`<p class="refund" part="refund" aria-live="polite">${text}</p>`;
  }

  private renderDelete(t: ServicesT) {
    const del = this.action("delete");
    const confirming = this.confirming === "delete";
    return html`<div class="card" part="action action-delete" role="group" aria-labelledby="delete-title">
      <h3 class="subheading" id="delete-title">${t.service.deleteTitle}</h3>
      ${confirming
        ? html`<p id="delete-question"><strong>${t.service.deleteQuestion}</strong></p>
            <div class="actions">
              <button class="button danger" part="button" type="button" ?disabled=${this.busy !== null} @click=${this.onDelete}>${this.busy === "delete" ? t.service.deleting : t.service.confirmDelete}</button>
              <button class="button secondary" part="button" type="button" @click=${() => this.ask(null)}>${t.service.keep}</button>
            </div>`
        : html`<div class="actions">
            <button class="button secondary danger-outline" part="button" type="button" ?disabled=${!del.allowed || this.busy !== null}
              aria-describedby=${del.allowed ? nothing : "reason-delete"} @click=${() => this.ask("delete")}>${t.service.delete}</button>
          </div>`}
      ${this.reason("reason-delete", del)} ${this.errorOf("delete")}
    </div>`;
  }

  private renderHistory(t: ServicesT) {
    const list = this.history;
    const actor = t.service.actor;
    const actionName = (code: string) => (Object.prototype.hasOwnProperty.call(t.service.action, code) ? t.service.action[code] : code);
    const describe = (e: ServiceHistoryEntry) => {
      // `provisioning_failed:<action>`: a later provisioner call (a change, a suspension) failed.
      const [code, failedAction] = e.action.split(":", 2);
      const name = failedAction && code === "provisioning_failed" ? t.service.actionFailed(actionName(failedAction)) : actionName(e.action);
      const moved = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? t.service.transition(this.statusLabel(e.fromStatus), this.statusLabel(e.toStatus)) : null;
      return moved ? html`${name} <span class="muted">(${moved})</span>` : name;
    };
    return html`<div class="history">
      <h3 class="subheading">${t.service.historyTitle}</h3>
      ${list.error ? html`<div class="error" part="error" role="alert"><span>${describeServiceError(t, list.error.cause)}</span>
          <button class="button secondary small" part="button" type="button" @click=${() => list.load(list.error!.kind)}>${t.common.retry}</button></div>` : nothing}
      ${!list.loaded && !list.error ? html`<p class="notice" role="status">${t.common.loading}</p>` : nothing}
      ${list.loaded && list.items.length === 0 ? html`<p class="notice">${t.service.historyEmpty}</p>` : nothing}
      ${list.items.length
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.service.historyTitle}>
            <table part="history" aria-busy=${list.loading === "page" ? "true" : "false"}>
              <thead><tr><th scope="col">${t.service.historyColumns.date}</th><th scope="col">${t.service.historyColumns.event}</th><th scope="col">${t.service.historyColumns.actor}</th></tr></thead>
              <tbody>
                ${list.items.map((e) => html`<tr><td class="nowrap">${this.dateTime(e.at)}</td><td>${describe(e)}</td><td>${actor[e.actor] ?? e.actor}</td></tr>`)}
              </tbody>
            </table>
          </div>
          ${list.nextCursor
            ? renderLoadMore({ hasMore: true, loading: list.loading, loadMore: t.services.loadMore, loadingMore: t.services.loadingMore, shown: "", onLoadMore: () => void list.load("more") })
            : nothing}`
        : nothing}
    </div>`;
  }

  private dateTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? "" : new Intl.DateTimeFormat(this.uiLocale, { dateStyle: "medium", timeStyle: "short" }).format(date);
  }

  // ---- Actions

  private ask(what: "cancel" | "delete" | null): void {
    this.confirming = what;
    this.actionError = null;
  }

  /** Cancel (or withdraw) asks first; what it gives back (or takes along) is asked of the server meanwhile. */
  private askCancel(): void {
    this.ask("cancel");
    void this.loadCancelPreview();
  }

  private chooseCancelNow(): void {
    this.cancelWhen = "now";
    void this.loadCancelPreview();
  }

  private dropCancelPreview(): void {
    this.cancelPreviewRequest?.abort();
    this.cancelPreviewRequest = null;
    this.cancelPreview = null;
    this.cancelPreviewError = null;
  }

  private async loadCancelPreview(again = false): Promise<void> {
    const service = this.service;
    if (!service || !this.action("cancel").allowed) return;
    if (!again && (this.cancelPreview || this.cancelPreviewRequest)) return;
    this.dropCancelPreview();
    const request = (this.cancelPreviewRequest = new AbortController());
    try {
      const preview = await this.cabinet.session.call((api, c) => api.previewCancel(service.id, c, request.signal));
      if (!request.signal.aborted) this.cancelPreview = preview;
    } catch (cause) {
      if (!request.signal.aborted) this.cancelPreviewError = cause;
    } finally {
      if (this.cancelPreviewRequest === request) this.cancelPreviewRequest = null;
    }
  }

  private setChangeValue(key: string, value: ParameterValue): void {
    this.changeValues = { ...this.changeValues, [key]: value };
    if (this.actionError?.action === "change") this.actionError = null;
    this.askPreview();
  }

  private askPreview(now = false): void {
    const wanted = this.changedParameters;
    const service = this.service;
    if (!service || !wanted || !this.product || firstProblem(this.product.parameters, wanted) || !this.action("change").allowed) return;
    this.preview.request(wanted, choiceKey(service.id, wanted), now);
  }

  /**
   * Runs one write: one at a time, its failure shown in its card, its success as the outcome;
   * the page hears `cab-service-changed` and the other services widgets load again.
   */
  private async write(action: ServiceChangedDetail["action"], work: () => Promise<{ service: ServiceDetail; outcome: Outcome; invoiceId?: string | null }>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = action;
    this.actionError = null;
    this.outcome = null;
    try {
      const { service, outcome, invoiceId } = await work();
      this.setService(service);
      this.outcome = outcome;
      this.confirming = null;
      this.emit<ServiceChangedDetail>("cab-service-changed", { action, service, invoiceId });
      this.hub?.notify([service.id]);
      void this.history.load("page", true);
      return true;
    } catch (cause) {
      this.actionError = { action, cause };
      // The action may have been refused because the service moved on: show it as it is now.
      if (cause instanceof CabinetApiError && cause.status === 409) void this.load(true);
      return false;
    } finally {
      this.busy = null;
    }
  }

  private onAutoRenew(event: Event): void {
    const input = event.target as HTMLInputElement;
    const on = input.checked;
    void this.write("autoRenew", async () => {
      const service = await this.cabinet.session.call((api, c) => api.updateService(this.serviceId, { autoRenew: on }, c));
      return { service, outcome: { tone: "success", text: this.t.service.autoRenewSaved(service.autoRenew) } };
    }).then((ok) => {
      if (!ok) input.checked = !on;
    });
  }

  private onLabel(event: SubmitEvent): void {
    event.preventDefault();
    const label = (this.labelText ?? "").trim();
    void this.write("label", async () => {
      const service = await this.cabinet.session.call((api, c) => api.updateService(this.serviceId, { label: label || null }, c));
      this.labelText = null;
      return { service, outcome: { tone: "success", text: this.t.service.labelSaved } };
    });
  }

  private onRenew(event: SubmitEvent): void {
    event.preventDefault();
    const periods = this.renewPeriods;
    void this.write("renew", async () => {
      const renewal = await this.renewAttempt.send({ id: this.serviceId, periods }, (key) => this.cabinet.session.call((api, c) => api.renewService(this.serviceId, periods, key, c)));
      const t = this.t;
      const outcome: Outcome =
        renewal.paid === "balance"
          ? { tone: "success", text: t.service.renewedBalance(renewal.service.paidUntil ? this.date(renewal.service.paidUntil) : "—") }
          : { tone: "warning", text: t.service.renewedInvoice, invoiceId: renewal.invoiceId };
      return { service: renewal.service, outcome, invoiceId: renewal.invoiceId };
    });
  }

  private onChange(event: SubmitEvent): void {
    event.preventDefault();
    const wanted = this.changedParameters;
    const service = this.service;
    if (!wanted || !service) return;
    const preview = this.preview.valueFor(choiceKey(service.id, wanted));
    if (!preview || preview.kind === "same") return;
    const key = this.changeAttempt.keyFor({ id: service.id, wanted });
    void this.write("change", async () => {
      try {
        const changed = await this.cabinet.session.call((api, c) => api.changeService(service.id, wanted, key, c));
        this.changeAttempt.settled();
        // The balance did not cover the upgrade: an invoice waits, and the parameters stay until it is paid.
        if (preview.kind === "upgrade" && changed.invoiceId && choiceKey(changed.parameters) === choiceKey(service.parameters)) {
          return { service: changed, outcome: { tone: "warning", text: this.t.service.changeInvoiced, invoiceId: changed.invoiceId }, invoiceId: changed.invoiceId };
        }
        const text = preview.appliesAt === "now" ? this.t.service.changed : this.t.service.changeScheduled;
        return { service: changed, outcome: { tone: "success", text } };
      } catch (cause) {
        if (!(cause instanceof CabinetApiError && outcomeUnknown(cause.status))) this.changeAttempt.settled();
        throw cause;
      }
    });
  }

  private onCancel(event: SubmitEvent): void {
    event.preventDefault();
    if (this.confirming !== "cancel") return;
    const when = this.cancelWhen;
    const refund = when === "now" ? this.cancelPreview?.refund : undefined;
    void this.write("cancel", async () => {
      const service = await this.cancelAttempt.send({ id: this.serviceId, when }, (key) => this.cabinet.session.call((api, c) => api.cancelService(this.serviceId, when, key, c)));
      const t = this.t.service;
      const text = when === "period_end" ? t.cancelScheduled : refund && refund.amount > 0 ? t.cancelledRefund(this.money(refund)) : t.cancelled;
      return { service, outcome: { tone: "success", text } };
    });
  }

  /** Withdraws an unpaid order: the whole order goes, its invoice voided. */
  private onWithdraw(): void {
    void this.write("cancel", async () => {
      const service = await this.cancelAttempt.send({ id: this.serviceId, when: "now" }, (key) => this.cabinet.session.call((api, c) => api.cancelService(this.serviceId, "now", key, c)));
      return { service, outcome: { tone: "success", text: this.t.service.withdrawn } };
    });
  }

  private onDelete(): void {
    void this.write("delete", async () => {
      await this.cabinet.session.call((api, c) => api.deleteService(this.serviceId, c));
      // A deleted service may still be read (its status says so); if not, keep what was on screen.
      const service = await this.cabinet.session
        .call((api, c) => api.getService(this.serviceId, c))
        .catch(() => ({ ...this.service!, status: "deleted" as const, actions: {} as ServiceDetail["actions"] }));
      return { service, outcome: { tone: "success", text: this.t.service.deleted } };
    });
  }
}
