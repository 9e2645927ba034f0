import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { BillingElement } from "../../billing/billing-element.js";
import { billingStyles } from "../../billing/billing.styles.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import type { BillingT } from "../../i18n/billing.js";
import { renderFailure, renderListFooter, renderLoadFailure } from "../../runtime/list-parts.js";
import { describeError } from "../../i18n/index.js";
import { ledgerKinds, type LedgerEntry, type LedgerKind, type LedgerPeriod } from "../../runtime/api-types.js";
import { formatMoney } from "../../runtime/format.js";
import { renderSpendingChart } from "./cab-ledger.chart.js";
import { styles } from "./cab-ledger.styles.js";

const isKind = (value: string): value is LedgerKind => (ledgerKinds as readonly string[]).includes(value);
const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/**
 * The account's money over time: a chart of charges and payments per month (an accessible
 * inline SVG), then every movement of the balance — date, description, type, signed amount
 * and the balance after it — with a type filter, a period (from/to), "Load more", and
 * "Export CSV" for the same filters. With a cookie session the export is a plain link; in
 * bearer mode the widget fetches the file with the token and saves it.
 *
 * @slot heading - Replaces the heading ("Transactions").
 *
 * @csspart heading - The default heading.
 * @csspart chart - The monthly chart (`<figure>`).
 * @csspart chart-table - The chart's data as a (visually hidden) table.
 * @csspart filters - The filters: type, from, to.
 * @csspart export - The "Export CSV" link or button.
 * @csspart table - The `<table>` of entries.
 * @csspart row - One entry's row.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "no access to billing" message.
 * @csspart empty - The "no transactions" message.
 * @csspart error - A failure (`role="alert"`), with a retry button.
 * @csspart button - Buttons ("Load more", "Try again", "Export CSV" in bearer mode).
 * @csspart load-more - The "Load more" button.
 *
 * @cssproperty --cab-color-primary - The charges' bars and links.
 * @cssproperty --cab-color-success - The payments' bars and money coming in.
 * @cssproperty --cab-color-border - The chart's grid lines. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-ledger months="12" page-size="20"></cab-ledger>
 * ```
 *
 * @tag cab-ledger
 */
export class CabLedger extends BillingElement {
  static override styles = [billingStyles, styles];

  /** Show only entries of this type: `payment`, `charge`, `refund`, `adjustment`, `credit`; empty for all. */
  @property({ reflect: true }) kind = "";
  /** The first day shown, `YYYY-MM-DD` (UTC); empty for the beginning. */
  @property({ reflect: true }) from = "";
  /** The last day shown, `YYYY-MM-DD` (UTC), inclusive; empty for today. */
  @property({ reflect: true }) to = "";
  /** Entries per page, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 20;
  /** Months in the chart, 1 to 36 (this one included); 0 hides the chart. */
  @property({ type: Number }) months = 12;

  private readonly spending = this.resource((api, c, signal) => api.monthlySpending(this.chartMonths, c, signal));
  @state() private exporting = false;
  @state() private exportError: unknown = null;

  private readonly list = new PagedList<LedgerEntry>(
    this,
    (cursor, signal) => this.cabinet.session.call((api, c) => api.listLedger({ ...this.period, cursor, limit: clampPageSize(this.pageSize) }, c, signal)),
    (cause) => this.noteFailure(cause),
  );

  /** The filters as the API takes them; days that are not dates are left out. */
  private get period(): LedgerPeriod {
    return {
      kind: isKind(this.kind) ? this.kind : undefined,
      from: isDay(this.from) ? this.from : undefined,
      to: isDay(this.to) ? this.to : undefined,
    };
  }

  /** From after to: nothing to ask the server. */
  private get periodInverted(): boolean {
    const { from, to } = this.period;
    return !!from && !!to && from > to;
  }

  protected override labels(t: BillingT) {
    return { title: t.ledger.title, signedOut: t.billing.signedOut, forbidden: t.billing.forbidden };
  }

  protected override reload(reason: "session" | "change"): void {
    void this.loadSpending(reason === "change");
    if (!this.periodInverted) void this.list.load("page", reason === "change");
  }

  protected override clear(): void {
    this.list.clear();
    this.exportError = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.access !== "granted") return;
    const was = (key: keyof CabLedger) => changed.has(key) && changed.get(key) !== undefined;
    if (was("kind") || was("from") || was("to") || was("pageSize")) {
      this.exportError = null;
      if (this.periodInverted) this.list.clear();
      else void this.list.load("page");
    }
    if (was("months")) void this.loadSpending();
  }

  /** The chart's months, 0 to 36. */
  private get chartMonths(): number {
    return Math.min(36, Math.max(0, Math.floor(this.months) || 0));
  }

  private loadSpending(quiet = false): void {
    if (this.chartMonths === 0) this.spending.clear();
    else void this.spending.load(quiet);
  }

  protected override renderContent(t: BillingT): TemplateResult {
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.ledger.title}</h2></slot>
      </div>
      ${this.renderChart(t)} ${this.renderFilters(t)} ${this.renderBody(t)}
    `;
  }

  private renderChart(t: BillingT) {
    if (Math.floor(this.months) <= 0) return nothing;
    const heading = html`<h3 class="subheading">${t.ledger.chartTitle}</h3>`;
    const spending = this.spending.value;
    if (this.spending.error && !spending) return html`${heading}${renderFailure(t, this.spending.error, () => this.loadSpending())}`;
    if (!spending)
      return html`${heading}
        <p class="notice" role="status">${t.common.loading}</p>`;
    const idle = spending.months.every((m) => m.charged === 0 && m.paid === 0 && m.refunded === 0);
    if (idle)
      return html`${heading}
        <p class="notice" part="chart-empty">${t.ledger.chartEmpty(spending.months.length)}</p>`;
    return html`${heading}${renderSpendingChart(t, spending, this.cabinet.settings.locale)}`;
  }

  private renderFilters(t: BillingT) {
    const inverted = this.periodInverted;
    return html`
      <div class="filters" part="filters">
        <label class="field">
          <span>${t.ledger.kind}</span>
          <select class="input" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!isKind(this.kind)}>${t.ledger.allKinds}</option>
            ${ledgerKinds.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${t.ledger.kinds[k]}</option>`)}
          </select>
        </label>
        <label class="field">
          <span>${t.ledger.from}</span>
          <input
            class="input"
            type="date"
            .value=${this.from}
            max=${this.to || nothing}
            aria-invalid=${inverted ? "true" : "false"}
            aria-describedby=${inverted ? "period-error" : nothing}
            @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="field">
          <span>${t.ledger.to}</span>
          <input
            class="input"
            type="date"
            .value=${this.to}
            min=${this.from || nothing}
            aria-invalid=${inverted ? "true" : "false"}
            aria-describedby=${inverted ? "period-error" : nothing}
            @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)}
          />
        </label>
        ${this.renderExport(t)}
      </div>
      ${inverted ? html`<p class="field-error" id="period-error" role="alert">${t.ledger.periodInverted}</p>` : nothing}
      ${this.exportError ? html`<p class="error" part="error" role="alert">${describeError(t, this.exportError)}</p>` : nothing}
    `;
  }

  private renderExport(t: BillingT) {
    if (this.periodInverted || !this.can("finance", "export")) return nothing;
    // A cookie rides along on a plain link; a bearer token does not, so that mode fetches the file.
    if (this.cabinet.settings.auth === "cookie") {
      return html`<a class="button secondary export" part="export" href=${this.cabinet.context!.api.ledgerExportUrl(this.period)} download
        >${t.ledger.export}</a
      >`;
    }
    return html`<button class="button secondary export" part="button export" type="button" ?disabled=${this.exporting} @click=${this.onExport}>
      ${this.exporting ? t.ledger.exporting : t.ledger.export}
    </button>`;
  }

  private async onExport(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    this.exportError = null;
    try {
      const period = this.period;
      const { blob, filename } = await this.cabinet.session.call((api, c) =>
        api.download("/ledger/export", { ...period }, c, `ledger-${period.from ?? "all"}-${period.to ?? new Date().toISOString().slice(0, 10)}.csv`),
      );
      this.saveFile(blob, filename);
    } catch (cause) {
      this.noteFailure(cause);
      this.exportError = cause;
    } finally {
      this.exporting = false;
    }
  }

  private renderBody(t: BillingT) {
    if (this.periodInverted) return nothing;
    const { error, loaded, items } = this.list;
    const failure = renderLoadFailure(t, this.list);
    if (!loaded && !error) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (loaded && items.length === 0 && !error) {
      const filtered = this.period.kind || this.period.from || this.period.to;
      return html`<p class="notice" part="empty" role="status">${filtered ? t.ledger.emptyFiltered : t.ledger.empty}</p>`;
    }
    return html`${failure}${items.length ? this.renderTable(t) : nothing}`;
  }

  private renderTable(t: BillingT) {
    const { items, loading } = this.list;
    const locale = this.cabinet.settings.locale;
    return html`
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t.ledger.title}>
        <table part="table" aria-busy=${loading === "page" ? "true" : "false"}>
          <thead>
            <tr>
              <th scope="col">${t.ledger.columns.date}</th>
              <th scope="col">${t.ledger.columns.description}</th>
              <th scope="col">${t.ledger.columns.kind}</th>
              <th scope="col" class="num">${t.ledger.columns.amount}</th>
              <th scope="col" class="num">${t.ledger.columns.balanceAfter}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (e, index) =>
                html`<tr part="row" data-index=${index}>
                  <th scope="row" class="nowrap" tabindex="-1">${this.date(e.createdAt)}</th>
                  <td>${e.description}</td>
                  <td>${t.ledger.kinds[e.kind] ?? e.kind}</td>
                  <td class="num ${e.amount.amount > 0 ? "in" : e.amount.amount < 0 ? "out" : ""}">
                    ${formatMoney(e.amount, locale, { signDisplay: "exceptZero" })}
                  </td>
                  <td class="num">${this.money(e.balanceAfter)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${renderListFooter(t.billing, this.list, t.ledger.shown(items.length), () => this.loadMore())}
    `;
  }

  private async loadMore(): Promise<void> {
    const firstNew = await this.list.load("more");
    if (firstNew === null) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`tr[data-index="${firstNew}"] th`)?.focus();
  }
}
