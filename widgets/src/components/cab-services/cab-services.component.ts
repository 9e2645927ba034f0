import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import type { ServicesT } from "../../i18n/services.js";
import { serviceStatuses, type ParameterDef, type Service, type ServiceStatus } from "../../runtime/api-types.js";
import { formatParameter } from "../../services/parameters.js";
import { formatDate, formatMoney, numberFormat } from "../../runtime/format.js";
import { renderBadge, renderListFooter, renderLoadFailure } from "../../runtime/list-parts.js";
import { clampPageSize, PagedList, type LoadKind } from "../../runtime/paged-list.js";
import { fillTemplate } from "../../runtime/link-template.js";
import { ServicesElement } from "../../services/services-element.js";
import { statusTone } from "../../services/status-tone.js";
import { styles } from "./cab-services.styles.js";

const isStatus = (value: string): value is ServiceStatus => (serviceStatuses as readonly string[]).includes(value);

/** How long the search waits for the client to stop typing (ms). */
const SEARCH_DELAY = 300;

/** `cab-service-selected`: the service the client opened. Cancelable: `preventDefault()` keeps a `service-href` link from being followed. */
export interface ServiceSelectedDetail {
  service: Service;
}

/**
 * The signed-in client's services: name, status, parameters, price per period and paid-until
 * date, with filters (status, product type, a search in labels and product names) and "Load
 * more". A service's name opens it: a link when `service-href` is set, else a button; either
 * way `cab-service-selected` tells the page. Signed out, it says to sign in; it reloads by
 * itself when `<cab-login>` (or anything sharing its session) signs in or out, and when
 * `<cab-order>` or `<cab-service>` on the page change a service.
 *
 * @slot heading - Replaces the heading ("Your services").
 *
 * @event cab-service-selected - `detail: { service }` when the client opens a service. Bubbles, is composed and cancelable: `preventDefault()` keeps the browser from following `service-href` (a single-page app routes itself).
 *
 * @csspart heading - The default heading.
 * @csspart filters - The filters' row.
 * @csspart filter - A filter's label, around its `<select>` or search field; also `filter-status`, `filter-type`, `filter-search`.
 * @csspart open - A service's name as a link or button that opens it.
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
 * <cab-services page-size="10" status="active" service-href="/services.html?service={id}"></cab-services>
 * ```
 *
 * @tag cab-services
 */
export class CabServices extends ServicesElement {
  static override styles = styles;

  /** Show only services in this status (`active`, `suspended`…); empty for all but deleted. */
  @property({ reflect: true }) status = "";
  /** Show only services of this product type (`vps`, `domain`…); empty for all. */
  @property({ reflect: true }) type = "";
  /** Show only services whose label or product name contains this. */
  @property({ reflect: true }) q = "";
  /** Where one service is, `{id}` standing for its id: `/services.html?service={id}`. Empty: the name is a button. */
  @property({ attribute: "service-href" }) serviceHref = "";
  /** Services per page, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 10;

  /** The product types to filter by: from the catalog, plus those of services on screen. */
  @state() private types: string[] = [];
  /** The catalog's parameter definitions by product id: the list shows "Amsterdam", never `ams-1`. */
  @state() private parameterDefs = new Map<string, ParameterDef[]>();
  /** Whether the catalog was asked (answered or not): until then parameters are not shown, so no code flashes before its label. */
  @state() private catalogTried = false;

  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly list = new PagedList<Service>(this, async (cursor, signal) => {
    const status = isStatus(this.status) ? this.status : undefined;
    const query = { status, type: this.type.trim() || undefined, q: this.q.trim() || undefined, limit: clampPageSize(this.pageSize), cursor };
    const page = await this.cabinet.session.listServices(query, signal);
    const unseen = page.items.map((s) => s.product.type).filter((type) => type && !this.types.includes(type));
    if (unseen.length && !signal.aborted) this.types = [...new Set([...this.types, ...unseen])];
    return page;
  });

  protected override reload(reason: "session" | "change"): void {
    if (reason === "session") void this.loadTypes();
    void this.load("page");
  }

  /** Never leaves one client's services on screen after they signed out. */
  protected override clear(): void {
    this.list.clear();
  }

  protected override servicesChanged(): void {
    if (this.access === "granted") this.reload("change");
  }

  private async loadTypes(): Promise<void> {
    try {
      // In the account's currency, as `<cab-order>` asks: one shared read for both.
      const { items } = await this.cabinet.session.call((api, c) => api.catalog(this.cabinet.session.me?.account.currency, c));
      this.types = [...new Set([...this.types, ...items.map((p) => p.type)])];
      this.parameterDefs = new Map(items.map((p) => [p.id, p.parameters]));
    } catch {
      // The filter then offers the types of the services on screen, and parameters show by the widgets' own names.
    } finally {
      this.catalogTried = true;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const was = (key: keyof CabServices) => changed.has(key) && changed.get(key) !== undefined;
    const filterChanged = was("status") || was("type") || was("q") || was("pageSize");
    if (filterChanged && this.access === "granted") void this.load("page");
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }

  /** Loads the first page (a new filter or session) or the next one ("Load more"). */
  private async load(kind: LoadKind): Promise<void> {
    const firstNew = await this.list.load(kind);
    if (kind === "more" && firstNew !== null) {
      // Keyboard and screen-reader users continue from the first new service.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-index="${firstNew}"] .name`)?.focus();
    }
  }

  protected override labels(t: ServicesT) {
    return { title: t.services.title, signedOut: t.services.signedOut, forbidden: t.errors.CAB_ERR_FORBIDDEN };
  }

  protected override renderContent(t: ServicesT): TemplateResult {
    const types = [...new Set([...this.types, ...(this.type ? [this.type] : [])])];
    // The type filter stands (disabled) until the catalog has answered, and keeps one width
    // (styles), so the filters beside it do not jump sideways when the types arrive.
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.services.title}</h2></slot>
        <div class="filters" part="filters">
          <label class="filter" part="filter filter-status">
            ${t.services.filter}
            <select class="input" @change=${this.onFilter}>
              <option value="" ?selected=${!isStatus(this.status)}>${t.services.allStatuses}</option>
              ${serviceStatuses.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t.services.status[s]}</option>`)}
            </select>
          </label>
          ${
            types.length > 1 || this.type || !this.catalogTried
              ? html`<label class="filter type" part="filter filter-type">
                  ${t.list.type}
                  <select class="input" ?disabled=${!this.catalogTried} @change=${(e: Event) => (this.type = (e.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${!this.type}>${t.list.allTypes}</option>
                    ${types.map((type) => html`<option value=${type} ?selected=${this.type === type}>${t.list.types[type] ?? type}</option>`)}
                  </select>
                </label>`
              : nothing
          }
          <label class="filter" part="filter filter-search">
            ${t.list.search}
            <input class="input search" type="search" maxlength="100" placeholder=${t.list.searchPlaceholder} .value=${this.q} @input=${this.onSearch} />
          </label>
        </div>
      </div>
      ${this.renderBody(t)}
    `;
  }

  private renderBody(t: ServicesT) {
    if (this.list.error) return html`${renderLoadFailure(t, this.list)} ${this.renderList(t)}`;
    if (!this.list.loaded) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (this.list.items.length === 0) {
      const message = this.type.trim() || this.q.trim() ? t.list.emptySearch : isStatus(this.status) ? t.services.emptyFiltered : t.services.empty;
      return html`<p class="notice" part="empty" role="status">${message}</p>`;
    }
    return this.renderList(t);
  }

  private renderList(t: ServicesT) {
    const { items } = this.list;
    if (items.length === 0) return nothing;
    return html`
      <ul class="list" part="list" aria-busy=${this.list.loading === "page" ? "true" : "false"}>
        ${items.map((service, index) => this.renderService(service, index, t))}
      </ul>
      ${renderListFooter(t.services, this.list, t.services.shown(items.length), () => this.load("more"))}
    `;
  }

  private renderService(service: Service, index: number, t: ServicesT): TemplateResult {
    const locale = this.uiLocale;
    const tone = statusTone(service.status);
    const statusLabel = t.services.status[service.status] ?? service.status;
    const name = service.label ?? service.product.name;
    const select = (event: Event) => {
      const proceed = this.emit<ServiceSelectedDetail>("cab-service-selected", { service }, true);
      if (!proceed) event.preventDefault();
    };
    return html`
      <li class="service card" part="item" data-index=${index}>
        <div class="service-head">
          <div>
            <h3 class="name" tabindex="-1">
              ${
                this.serviceHref
                  ? html`<a part="open" href=${fillTemplate(this.serviceHref, service.id)} @click=${select}>${name}</a>`
                  : html`<button class="link-button" part="open" type="button" @click=${select}>${name}</button>`
              }
            </h3>
            ${service.label ? html`<p class="product">${service.product.name}</p>` : nothing}
          </div>
          ${renderBadge(tone, service.status, statusLabel)}
        </div>
        ${this.renderParameters(service, t)}
        <div class="billing">
          <span class="price" part="price">${t.services.price(formatMoney(service.price, locale), service.periodMonths)}</span>
          <span>${this.paidUntil(service, t)}</span>
          <span>${service.autoRenew ? t.services.autoRenewOn : t.services.autoRenewOff}</span>
        </div>
      </li>
    `;
  }

  /** Each parameter by the catalog's label and its value's label ("Data centre: Amsterdam"); a product the catalog no longer shows falls back to the widgets' own names. */
  private renderParameters(service: Service, t: ServicesT) {
    const entries = Object.entries(service.parameters);
    if (entries.length === 0 || !this.catalogTried) return nothing;
    const defs = this.parameterDefs.get(service.product.id) ?? [];
    const labels: Partial<Record<string, string>> = t.services.parameter;
    const units: Partial<Record<string, string>> = t.services.unit;
    const number = numberFormat(this.uiLocale);
    const value = (code: string, v: string | number | boolean) => {
      const def = defs.find((d) => d.key === code);
      if (def) return formatParameter(t, def, v, this.uiLocale);
      if (typeof v === "boolean") return v ? t.common.yes : t.common.no;
      if (typeof v === "number") return units[code] ? `${number.format(v)} ${units[code]}` : number.format(v);
      return v;
    };
    const label = (code: string) => defs.find((d) => d.key === code)?.label ?? labels[code] ?? code;
    return html`
      <dl class="parameters" part="parameters" aria-label=${t.services.parameters}>
        ${entries.map(
          ([code, v]) =>
            html`<div>
              <dt>${label(code)}</dt>
              <dd>${value(code, v)}</dd>
            </div>`,
        )}
      </dl>
    `;
  }

  private paidUntil(service: Service, t: ServicesT): string {
    if (!service.paidUntil) return t.services.notPaidYet;
    const date = formatDate(service.paidUntil, this.uiLocale);
    return Date.parse(service.paidUntil) < Date.now() ? t.services.expiredOn(date) : t.services.paidUntil(date);
  }

  private onSearch(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    // willUpdate loads the first page once the client pauses.
    this.searchTimer = setTimeout(() => (this.q = value), SEARCH_DELAY);
  }

  private onFilter(event: Event): void {
    // willUpdate sees the change and loads the first page for it.
    this.status = (event.target as HTMLSelectElement).value;
  }
}
