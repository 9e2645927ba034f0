import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { describeError, type Messages } from "../../i18n/index.js";
import { serviceStatuses, type Service, type ServiceStatus } from "../../runtime/api-types.js";
import { CabinetElement } from "../../runtime/cabinet-element.js";
import { formatDate, formatMoney } from "../../runtime/format.js";
import { renderBadge, renderLoadMore } from "../../runtime/list-parts.js";
import type { SessionState } from "../../runtime/session-store.js";
import { styles } from "./cab-services.styles.js";

type Tone = "success" | "warning" | "danger" | "neutral";

const tones: Record<ServiceStatus, Tone> = {
  active: "success",
  pending_payment: "warning",
  provisioning: "warning",
  suspended: "warning",
  provisioning_failed: "danger",
  cancelled: "neutral",
  deleted: "neutral",
};

const isStatus = (value: string): value is ServiceStatus => (serviceStatuses as readonly string[]).includes(value);

/**
 * The signed-in client's services: name, status, parameters, price per period and paid-until
 * date, with a status filter and "Load more". Signed out, it says to sign in; it reloads by
 * itself when `<cab-login>` (or anything sharing its session) signs in or out.
 *
 * @slot heading - Replaces the heading ("Your services").
 *
 * @csspart heading - The default heading.
 * @csspart filter - The status filter's label, around its `<select>`.
 * @csspart list - The `<ul>` of services.
 * @csspart item - One service.
 * @csspart badge - A status badge; also `badge-active`, `badge-suspended`… by status.
 * @csspart parameters - A service's parameters (`<dl>`).
 * @csspart price - The price per period.
 * @csspart signed-out - The "sign in to see your services" message.
 * @csspart empty - The "no services" message.
 * @csspart error - A failure (`role="alert"`), with a retry button.
 * @csspart button - Buttons ("Load more", "Try again").
 * @csspart load-more - The "Load more" button.
 *
 * @cssproperty --cab-color-success - The "Active" badge.
 * @cssproperty --cab-color-warning - "Awaiting payment", "Suspended"…
 * @cssproperty --cab-color-danger - "Setup failed" and errors.
 * @cssproperty --cab-radius - Corners of cards and controls. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-services page-size="10" status="active"></cab-services>
 * ```
 */
export class CabServices extends CabinetElement {
  static override styles = styles;

  /** Show only services in this status (`active`, `suspended`…); empty for all but deleted. */
  @property({ reflect: true }) status = "";
  /** Services per page, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 10;

  @state() private items: Service[] = [];
  @state() private nextCursor: string | null = null;
  /** False until the first page arrives, so "no services" is not said too early. */
  @state() private loaded = false;
  @state() private loading: "page" | "more" | null = null;
  /** The last failure and what it was loading, for "Try again". */
  @state() private error: { cause: unknown; kind: "page" | "more" } | null = null;

  private inFlight: AbortController | null = null;

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    if (state.status === "signed-in") {
      const sameUser = previous?.status === "signed-in" && previous.me.user.id === state.me.user.id;
      if (!sameUser) void this.load("page");
    } else {
      // Never leave one client's services on screen after they signed out.
      this.inFlight?.abort();
      this.items = [];
      this.nextCursor = null;
      this.loaded = false;
      this.error = null;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const filterChanged = (changed.has("status") && changed.get("status") !== undefined) || (changed.has("pageSize") && changed.get("pageSize") !== undefined);
    if (filterChanged && this.cabinet.session.state.status === "signed-in") void this.load("page");
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.inFlight?.abort();
  }

  /** Loads the first page (a new filter or session) or the next one ("Load more"). */
  private async load(kind: "page" | "more"): Promise<void> {
    this.inFlight?.abort();
    const request = (this.inFlight = new AbortController());
    this.loading = kind;
    this.error = null;
    const status = isStatus(this.status) ? this.status : undefined;
    const limit = Math.min(100, Math.max(1, Math.floor(this.pageSize) || 10));
    const cursor = kind === "more" ? (this.nextCursor ?? undefined) : undefined;
    const firstNew = kind === "more" ? this.items.length : 0;
    try {
      const page = await this.cabinet.session.listServices({ status, limit, cursor }, request.signal);
      if (request.signal.aborted) return;
      this.items = kind === "more" ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.loaded = true;
      if (kind === "more") {
        // Keyboard and screen-reader users continue from the first new service.
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`[data-index="${firstNew}"] .name`)?.focus();
      }
    } catch (cause) {
      if (request.signal.aborted) return;
      this.error = { cause, kind };
      // A failed first page must not leave the previous filter's services under the new filter.
      if (kind === "page") {
        this.items = [];
        this.nextCursor = null;
      }
    } finally {
      if (this.inFlight === request) {
        this.inFlight = null;
        this.loading = null;
      }
    }
  }

  protected override render(): TemplateResult {
    const session = this.cabinet.session.state;
    const t = this.cabinet.t;
    const lang = this.cabinet.settings.locale;
    if (session.status === "restoring") return html`<p class="notice" role="status" lang=${lang}>${t.common.loading}</p>`;
    if (session.status === "signed-out") return html`<p class="notice" part="signed-out" lang=${lang}>${t.services.signedOut}</p>`;

    return html`
      <section class="wrap" aria-label=${t.services.title} lang=${lang}>
        <div class="header">
          <slot name="heading"><h2 class="heading" part="heading">${t.services.title}</h2></slot>
          <label class="filter" part="filter">
            ${t.services.filter}
            <select class="input" @change=${this.onFilter}>
              <option value="" ?selected=${!isStatus(this.status)}>${t.services.allStatuses}</option>
              ${serviceStatuses.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t.services.status[s]}</option>`)}
            </select>
          </label>
        </div>
        ${this.renderBody(t)}
      </section>
    `;
  }

  private renderBody(t: Messages) {
    if (this.error) {
      const { cause, kind } = this.error;
      return html`
        <div class="error" part="error" role="alert">
          <span>${describeError(t, cause)}</span>
          <button class="button secondary" part="button" type="button" @click=${() => this.load(kind)}>${t.common.retry}</button>
        </div>
        ${this.renderList(t)}
      `;
    }
    if (!this.loaded) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (this.items.length === 0) {
      return html`<p class="notice" part="empty" role="status">${isStatus(this.status) ? t.services.emptyFiltered : t.services.empty}</p>`;
    }
    return this.renderList(t);
  }

  private renderList(t: Messages) {
    if (this.items.length === 0) return nothing;
    return html`
      <ul class="list" part="list" aria-busy=${this.loading === "page" ? "true" : "false"}>
        ${this.items.map((service, index) => this.renderService(service, index, t))}
      </ul>
      ${renderLoadMore({
        hasMore: !!this.nextCursor,
        loading: this.loading,
        loadMore: t.services.loadMore,
        loadingMore: t.services.loadingMore,
        shown: t.services.shown(this.items.length),
        onLoadMore: () => this.load("more"),
      })}
    `;
  }

  private renderService(service: Service, index: number, t: Messages): TemplateResult {
    const locale = this.cabinet.settings.locale;
    const tone = tones[service.status] ?? "neutral";
    const statusLabel = t.services.status[service.status] ?? service.status;
    return html`
      <li class="service" part="item" data-index=${index}>
        <div class="service-head">
          <div>
            <h3 class="name" tabindex="-1">${service.label ?? service.product.name}</h3>
            ${service.label ? html`<p class="product">${service.product.name}</p>` : nothing}
          </div>
          ${renderBadge(tone, service.status, statusLabel)}
        </div>
        ${this.renderParameters(service.parameters, t)}
        <div class="billing">
          <span class="price" part="price">${t.services.price(formatMoney(service.price, locale), service.periodMonths)}</span>
          <span>${this.paidUntil(service, t)}</span>
          <span>${service.autoRenew ? t.services.autoRenewOn : t.services.autoRenewOff}</span>
        </div>
      </li>
    `;
  }

  private renderParameters(parameters: Service["parameters"], t: Messages) {
    const entries = Object.entries(parameters);
    if (entries.length === 0) return nothing;
    const labels: Partial<Record<string, string>> = t.services.parameter;
    const units: Partial<Record<string, string>> = t.services.unit;
    const number = new Intl.NumberFormat(this.cabinet.settings.locale);
    const value = (code: string, v: string | number | boolean) => {
      if (typeof v === "boolean") return v ? t.common.yes : t.common.no;
      if (typeof v === "number") return units[code] ? `${number.format(v)} ${units[code]}` : number.format(v);
      return v;
    };
    return html`
      <dl class="parameters" part="parameters" aria-label=${t.services.parameters}>
        ${entries.map(([code, v]) => html`<div><dt>${labels[code] ?? code}</dt><dd>${value(code, v)}</dd></div>`)}
      </dl>
    `;
  }

  private paidUntil(service: Service, t: Messages): string {
    if (!service.paidUntil) return t.services.notPaidYet;
    const date = formatDate(service.paidUntil, this.cabinet.settings.locale);
    return Date.parse(service.paidUntil) < Date.now() ? t.services.expiredOn(date) : t.services.paidUntil(date);
  }

  private onFilter(event: Event): void {
    // willUpdate sees the change and loads the first page for it.
    this.status = (event.target as HTMLSelectElement).value;
  }
}
