import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { html as staticHtml } from "lit/static-html.js";
import type { ServicesT } from "../../i18n/services.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { ParameterValue, ServiceDetail } from "../../runtime/api-types.js";
import { renderBadge, renderFailure } from "../../runtime/list-parts.js";
import { fillTemplate } from "../../runtime/link-template.js";
import { siblingTag } from "../../runtime/sub-element.js";
import { formatParameter } from "../../services/parameters.js";
import { describeServiceError, ServicesElement } from "../../services/services-element.js";
import { servicesStyles } from "../../services/services.styles.js";
import { statusTone } from "../../services/status-tone.js";
import { renderServicePanel } from "../cab-service-panel/cab-service-panel.js";
// Its own strings (servicesEn.service), in this chunk rather than the services list's.
import "../../i18n/service-detail.en.js";
import { styles } from "./cab-service.styles.js";
import type { ActionName, Outcome, ServiceWriteDetail } from "./service-form.js";
import "./service-cancel.js";
import "./service-change.js";
import "./service-delete.js";
import "./service-history.js";
import "./service-renew.js";
import "./service-settings.js";
import "./service-withdraw.js";

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

  private readonly detail = this.resource((api, c, signal) => api.getService(this.serviceId.trim(), c, signal));
  /** The product's parameter definitions, from the catalog (`product` null: no longer offered). */
  private readonly catalogEntry = this.resource(async (api, c, signal) => {
    const service = this.detail.value!;
    const { items } = await api.catalog(service.price.currency, c, signal);
    // A hidden or retired product is not in the catalog: the parameters show as they are.
    return { product: items.find((p) => p.id === service.product.id) ?? null };
  });
  @state() private outcome: Outcome | null = null;
  @state() private actionError: { action: string; cause: unknown } | null = null;
  /** Raised when the service moved, so its history loads again. */
  @state() private historyRevision = 0;

  private recheck: ReturnType<typeof setTimeout> | null = null;
  private rechecks = 0;

  private get service(): ServiceDetail | null {
    return this.detail.value;
  }

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
    this.stopRecheck();
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
    this.stopRecheck();
    this.rechecks = 0;
    this.detail.clear();
    this.catalogEntry.clear();
    this.outcome = null;
    this.actionError = null;
  }

  /** The service and its product's parameters (its history loads with it); `quiet` keeps what is on screen meanwhile. */
  private async load(quiet = false): Promise<void> {
    if (!this.serviceId.trim()) return;
    const before = this.service;
    const service = await this.detail.load(quiet);
    if (!service) return;
    if (before?.id === service.id && before.status !== service.status) this.historyRevision++;
    this.followSetup(service);
    if (this.catalogEntry.value?.product?.id !== service.product.id) void this.catalogEntry.load();
  }

  protected override labels(t: ServicesT) {
    const service = this.service;
    return { title: service ? (service.label ?? service.product.name) : t.service.title, signedOut: t.svc.signedOut, forbidden: t.errors.CAB_ERR_FORBIDDEN };
  }

  protected override renderContent(t: ServicesT): TemplateResult {
    if (!this.serviceId.trim()) return html`<p class="notice" part="empty">${t.service.noId}</p>`;
    const service = this.service;
    const loadError = this.detail.error;
    if (!service) {
      if (loadError) return renderFailure(t, loadError, () => void this.load(), describeServiceError);
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
      ${
        service.cancelAtPeriodEnd
          ? html`<p class="notice cancel-note">${service.paidUntil ? t.service.cancelsOn(this.date(service.paidUntil)) : t.service.cancelsAtPeriodEnd}</p>`
          : nothing
      }
      ${this.renderOutcome()} ${loadError ? html`<p class="error" part="error" role="alert">${describeServiceError(t, loadError)}</p>` : nothing}
      ${this.renderFacts(t, service)} ${this.renderState(t, service)} ${this.form("cab-service-history")}
    `;
  }

  /**
   * One of the internal sub-forms (`cab-service-renew`…), under this widget's own prefix, given
   * the service, the strings and the state of the writes. The change form also gets the
   * product's definitions; the history its page size and when to load again.
   */
  private form(tag: string): TemplateResult {
    const name = siblingTag(this, "cab-service", tag);
    const [service, t, locale, session, busy, failure] = [this.service, this.t, this.uiLocale, this.cabinet.session, this.busy, this.actionError];
    if (tag === "cab-service-change") {
      return staticHtml`<${name} .service=${service} .t=${t} .locale=${locale} .session=${session} .mayWrite=${this.mayWrite} .busy=${busy} .failure=${failure}
        .product=${this.catalogEntry.value?.product ?? null}></${name}>`;
    }
    if (tag === "cab-service-history") {
      return staticHtml`<${name} .service=${service} .t=${t} .locale=${locale} .session=${session}
        .pageSize=${this.historySize} .revision=${this.historyRevision}></${name}>`;
    }
    return staticHtml`<${name} .service=${service} .t=${t} .locale=${locale} .session=${session} .mayWrite=${this.mayWrite} .busy=${busy} .failure=${failure}
      .invoiceHref=${this.invoiceHref}></${name}>`;
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
        <h3 class="subheading">${t.service.deletedTitle}</h3>
        <p class="muted">${t.service.deletedText}</p>
      </div>`;
    }
    const forbidden = this.mayWrite ? nothing : html`<p class="notice" part="forbidden" role="status">${t.svc.forbiddenWrite}</p>`;
    if (service.status === "pending_payment") return html`${forbidden} ${this.form("cab-service-withdraw")} ${this.form("cab-service-settings")}`;
    // An action its status rules out is left out (the badge says the status); one the caller's rights rule out stays, with its reason.
    const shown = (name: ActionName) => !this.allowed(service.actions?.[name]).reason?.startsWith("status:");
    const cards = [
      shown("renew") ? this.form("cab-service-renew") : null,
      shown("change") ? this.form("cab-service-change") : null,
      shown("cancel") ? this.form("cab-service-cancel") : null,
      shown("delete") ? this.form("cab-service-delete") : null,
    ].filter((card) => card !== null);
    return html`
      ${forbidden} ${service.invoiceId && this.outcome?.invoiceId !== service.invoiceId ? this.renderInvoiceWaiting(t, service.invoiceId) : nothing}
      ${service.status === "cancelled" ? html`<p class="notice" part="state state-cancelled">${t.service.cancelledText}</p>` : nothing}
      ${service.status === "active" ? renderServicePanel(this, service.id) : nothing}
      ${service.status !== "cancelled" ? this.form("cab-service-settings") : nothing} ${cards.length ? html`<div class="action-grid">${cards}</div>` : nothing}
    `;
  }

  private invoiceLink(invoiceId: string) {
    const href = this.invoiceHref ? fillTemplate(this.invoiceHref, invoiceId) : null;
    return href ? html`<a class="button small" part="button invoice-link" href=${href}>${this.t.svc.openInvoice}</a>` : nothing;
  }

  private renderInvoiceWaiting(t: ServicesT, invoiceId: string) {
    return html`<div class="outcome tone-warning" part="invoice-waiting" role="status">
      <p>${t.service.invoiceWaiting}</p>
      ${this.invoiceLink(invoiceId)}
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
    const entry = this.catalogEntry;
    // Parameters wait for the catalog (answered or not), so no code flashes before its label.
    const tried = entry.value !== null || entry.error !== null;
    const defs = entry.value?.product?.parameters ?? [];
    const entries = tried ? Object.entries(service.parameters) : [];
    const next = service.nextParameters && tried ? Object.entries(service.nextParameters) : [];
    const param = (key: string, value: ParameterValue) => {
      const def = defs.find((d) => d.key === key);
      return html`<div>
        <dt>${def?.label ?? this.parameterName(key)}</dt>
        <dd>${formatParameter(t, def, value, this.uiLocale)}</dd>
      </div>`;
    };
    return html`
      <dl class="facts" part="facts">
        <div>
          <dt>${t.service.product}</dt>
          <dd>${service.product.name}</dd>
        </div>
        <div>
          <dt>${t.service.price}</dt>
          <dd class="price">${t.svc.perPeriod(this.money(service.price), service.periodMonths)}</dd>
        </div>
        <div>
          <dt>${t.service.paidUntil}</dt>
          <dd>${service.paidUntil ? this.date(service.paidUntil) : t.service.notPaid}</dd>
        </div>
        <div>
          <dt>${t.service.created}</dt>
          <dd>${this.date(service.createdAt)}</dd>
        </div>
      </dl>
      ${entries.length ? html`<dl class="parameters" part="parameters" aria-label=${t.services.parameters}>${entries.map(([k, v]) => param(k, v))}</dl>` : nothing}
      ${
        next.length
          ? html`<div class="next">
              <p class="subheading">${t.service.nextParameters}</p>
              <dl class="parameters" part="next-parameters" aria-label=${t.service.nextParameters}>${next.map(([k, v]) => param(k, v))}</dl>
            </div>`
          : nothing
      }
    `;
  }

  private parameterName(key: string): string {
    const names: Partial<Record<string, string>> = this.t.services.parameter;
    return names[key] ?? key;
  }

  /** The sub-forms ask here (their events stay in the shadow root): a write, run one at a time; a question put away. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.addEventListener("service-write", (event) => {
      const { detail } = event as CustomEvent<ServiceWriteDetail>;
      detail.done = this.write(detail.action, detail.work);
    });
    root.addEventListener("service-dismiss", () => (this.actionError = null));
    return root;
  }

  /**
   * Runs one write: one at a time, its failure shown in its card, its success as the outcome;
   * the page hears `cab-service-changed` and the other services widgets load again.
   */
  private async write(action: ServiceChangedDetail["action"], work: ServiceWriteDetail["work"]): Promise<boolean> {
    if (this.busy) return false;
    this.busy = action;
    this.actionError = null;
    this.outcome = null;
    try {
      const { service, outcome, invoiceId } = await work();
      this.detail.set(service);
      this.outcome = outcome;
      this.emit<ServiceChangedDetail>("cab-service-changed", { action, service, invoiceId });
      this.hub?.notify([service.id]);
      this.historyRevision++;
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
}
