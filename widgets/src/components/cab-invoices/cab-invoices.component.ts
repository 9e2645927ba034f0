import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { BillingElement } from "../../billing/billing-element.js";
import type { BillingChange } from "../../billing/billing-hub.js";
import { billingStyles } from "../../billing/billing.styles.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import { renderGatewayChoice, renderInstructions, renderPaymentReturn, returnUrl, type NextStep } from "../../billing/payment-flow.js";
import type { BillingT } from "../../i18n/billing.js";
import { describeError } from "../../i18n/index.js";
import { CabinetApiError, type ApiClient, type Credentials } from "../../runtime/api-client.js";
import { invoiceStatuses, type Gateway, type Invoice, type InvoiceStatus, type ListInvoicesQuery, type Money, type Page } from "../../runtime/api-types.js";
import { numberFormat } from "../../runtime/format.js";
import { renderBadge, renderListFooter, renderLoadFailure } from "../../runtime/list-parts.js";
import { WriteAttempt } from "../../services/order-attempt.js";
import { styles } from "./cab-invoices.styles.js";

const isStatus = (value: string): value is InvoiceStatus => (invoiceStatuses as readonly string[]).includes(value);

/** The API pays at most this many invoices in one payment. */
const MAX_INVOICES_PER_PAYMENT = 50;

/** The open invoices, all of them (not only the page on screen), for "Pay all". */
interface OpenInvoices {
  ids: string[];
  total: Money;
  /** More open invoices than one payment takes: "Pay all" pays the oldest 50. */
  truncated: boolean;
}

const UNSUPPORTED = Symbol("unsupported");

const isMoney = (value: unknown): value is Money =>
  typeof value === "object" && value !== null && typeof (value as Money).amount === "number" && typeof (value as Money).currency === "string";

/**
 * The account's invoices, newest first, with a status filter. Each opens to its lines, VAT
 * and totals. An open invoice can be paid from the balance — the button is disabled, with
 * the reason beside it, when the available balance does not cover it — and every open
 * invoice at once through a payment method ("Pay all open invoices": one payment), which
 * takes the client to the gateway's page like a top-up does and says how it went on return.
 *
 * @slot heading - Replaces the heading ("Invoices").
 *
 * @event cab-payment-started - `detail: { payment }` for "Pay all open invoices". Bubbles, is composed and cancelable (`preventDefault()`: the widget does not follow a `redirect`).
 * @event cab-payment-settled - `detail: { payment }` once an invoice payment the client came back from has succeeded or failed. Bubbles and is composed.
 * @event cab-invoice-paid - `detail: { invoice }` after "Pay from balance". Bubbles and is composed.
 *
 * @csspart heading - The default heading.
 * @csspart filter - The status filter's label, around its `<select>`.
 * @csspart pay-all - The "Pay all open invoices" block.
 * @csspart gateways - The payment method choice, with two methods or more.
 * @csspart list - The `<ul>` of invoices.
 * @csspart item - One invoice.
 * @csspart badge - A status badge; also `badge-issued`, `badge-overdue`, `badge-paid`, `badge-void`.
 * @csspart total - An invoice's total.
 * @csspart toggle - The "Show details" button.
 * @csspart details - An invoice's lines and totals.
 * @csspart lines - The lines' `<table>`.
 * @csspart pay - The "Pay from balance" button.
 * @csspart reason - Why "Pay from balance" is disabled.
 * @csspart outcome - The result of a payment the client came back from (see `<cab-balance>`).
 * @csspart instructions - A gateway's payment instructions.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "no access to billing" message.
 * @csspart empty - The "no invoices" message.
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons.
 * @csspart load-more - The "Load more" button.
 *
 * @cssproperty --cab-color-warning - "Open".
 * @cssproperty --cab-color-danger - "Overdue" and errors.
 * @cssproperty --cab-color-success - "Paid". See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-invoices status="issued" page-size="10"></cab-invoices>
 * ```
 *
 * @tag cab-invoices
 */
export class CabInvoices extends BillingElement {
  static override styles = [billingStyles, styles];

  /** Show only invoices in this status: `issued` (open), `paid`, `void`; empty for all. */
  @property({ reflect: true }) status = "";
  /** Invoices per page, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 10;

  /** The balance (what "Pay from balance" may spend) and every open invoice (what "Pay all" pays); the list says any failure, and without these the actions stay hidden. */
  private readonly side = this.resource(async (api, c, signal) => {
    const [balance, open] = await Promise.all([api.balance(c, signal), this.fetchOpen(signal)]);
    return { balance, open };
  });
  @state() private gateways: Gateway[] | null = null;
  @state() private gateway: string | null = null;
  @state() private expanded = new Set<string>();
  /** The invoice being paid from the balance. */
  @state() private paying: string | null = null;
  /** Per invoice: the failure of "Pay from balance". */
  @state() private payErrors = new Map<string, unknown>();
  /** The number of the invoice just paid from the balance, for the status message. */
  @state() private justPaid: string | null = null;
  @state() private payAllBusy = false;
  @state() private payAllError: unknown = null;
  @state() private step: NextStep | null = null;
  // One Idempotency-Key per attempt, kept across "Try again" when no answer came back.
  private readonly payAttempt = new WriteAttempt();
  private readonly startAttempt = new WriteAttempt();

  private readonly list = new PagedList<Invoice>(
    this,
    (cursor, signal) =>
      this.cabinet.session.call((api, c) => (cursor ? api.listInvoices({ ...this.listQuery, cursor }, c, signal) : this.firstPage(api, c, signal))),
    (cause) => this.noteFailure(cause),
  );

  /** The list's filter and page size. */
  private get listQuery(): ListInvoicesQuery {
    return { status: isStatus(this.status) ? this.status : undefined, limit: clampPageSize(this.pageSize) };
  }

  /**
   * The list's first page, read once for the list and "Pay all" (see {@link openInFirstPage}):
   * a shared read, so the two ask the server once, and afresh after any change.
   */
  private firstPage(api: ApiClient, c: Credentials, signal: AbortSignal): Promise<Page<Invoice>> {
    return api.sharedRead("/invoices", { ...this.listQuery }, c, signal);
  }

  protected override labels(t: BillingT) {
    return { title: t.invoices.title, signedOut: t.billing.signedOut, forbidden: t.billing.forbidden };
  }

  protected override reload(reason: "session" | "change"): void {
    void this.list.load("page", reason === "change");
    void this.side.load();
    if (reason === "session") {
      this.hub?.gateways().then(
        (gateways) => {
          this.gateways = gateways;
          if (!gateways.some((g) => g.id === this.gateway)) this.gateway = gateways[0]?.id ?? null;
        },
        (cause: unknown) => this.noteFailure(cause),
      );
    }
  }

  protected override clear(): void {
    this.list.clear();
    this.gateways = null;
    this.gateway = null;
    this.expanded = new Set();
    this.payErrors = new Map();
    this.justPaid = null;
    this.payAllError = null;
    this.step = null;
  }

  protected override billingChanged(change: BillingChange): void {
    super.billingChanged(change);
    this.announceSettled(change, "invoices");
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const was = (key: keyof CabInvoices) => changed.has(key) && changed.get(key) !== undefined;
    if ((was("status") || was("pageSize")) && this.access === "granted") void this.list.load("page");
  }

  private async fetchOpen(signal: AbortSignal): Promise<OpenInvoices> {
    const open: Invoice[] = (await this.openInFirstPage(signal)) ?? (await this.readOpen(signal));
    // Newest first from the API; the oldest are the most pressing.
    const chosen = open.reverse().slice(0, MAX_INVOICES_PER_PAYMENT);
    const currency = chosen[0]?.total.currency ?? this.cabinet.session.me?.account.currency ?? "USD";
    return {
      ids: chosen.map((i) => i.id),
      total: { amount: chosen.reduce((sum, i) => sum + i.total.amount, 0), currency },
      truncated: open.length > MAX_INVOICES_PER_PAYMENT,
    };
  }

  /**
   * Every open invoice, when the list's first page holds them all — its filter takes them in
   * (all invoices, or the open ones) and there is no next page — as for most accounts: then
   * "Pay all" reads nothing more. Null otherwise, or when that read failed (the list says so;
   * "Pay all" then reads its own).
   */
  private async openInFirstPage(signal: AbortSignal): Promise<Invoice[] | null> {
    const { status } = this.listQuery;
    if (status !== undefined && status !== "issued") return null;
    try {
      const page = await this.cabinet.session.call((api, c) => this.firstPage(api, c, signal));
      return page.nextCursor === null ? page.items.filter((i) => i.status === "issued") : null;
    } catch (cause) {
      if (signal.aborted) throw cause;
      return null;
    }
  }

  /** Every open invoice (up to 1,000), newest first, read on their own. */
  private async readOpen(signal: AbortSignal): Promise<Invoice[]> {
    const open: Invoice[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cabinet.session.call((api, c) => api.listInvoices({ status: "issued", limit: 100, cursor }, c, signal));
      open.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && open.length < 1000);
    return open;
  }

  protected override renderContent(t: BillingT): TemplateResult {
    const payment = this.hub?.paymentReturn;
    const ownReturn = payment?.status === "checked" && payment.payment.purpose === "invoices" ? payment : { status: "none" as const };
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.invoices.title}</h2></slot>
        <label class="filter field" part="filter">
          <span>${t.invoices.filter}</span>
          <select class="input" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!isStatus(this.status)}>${t.invoices.allStatuses}</option>
            ${invoiceStatuses.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t.invoices.status[s]}</option>`)}
          </select>
        </label>
      </div>
      ${renderPaymentReturn(
        t,
        ownReturn,
        (m) => this.money(m),
        () => this.hub?.checkReturn(),
      )}
      ${this.justPaid ? html`<p class="outcome tone-success" part="outcome outcome-succeeded" role="status"><strong>${t.invoices.paidFromBalance(this.justPaid)}</strong></p>` : nothing}
      ${this.renderPayAll(t)} ${this.renderBody(t)}
    `;
  }

  private renderPayAll(t: BillingT) {
    const open = this.side.value?.open ?? null;
    if (!open || open.ids.length === 0 || !this.gateways) return nothing;
    if (!this.can("finance", "pay")) return this.renderNotAllowed();
    if (this.gateways.length === 0) return nothing;
    const step = this.step;
    return html`
      <form class="pay-all" part="pay-all" novalidate @submit=${this.onPayAll} aria-labelledby="pay-all-title">
        <p class="pay-all-title" id="pay-all-title">${t.invoices.openSummary(open.ids.length, this.money(open.total))}</p>
        ${open.truncated ? html`<p class="hint">${t.invoices.truncated(open.ids.length)}</p>` : nothing}
        ${renderGatewayChoice(t, "gateway", this.gateways, this.gateway, (id) => (this.gateway = id))}
        ${
          this.payAllError
            ? html`<p class="error" part="error" role="alert">
                ${this.payAllError === UNSUPPORTED ? t.billing.unsupportedStep : describeError(t, this.payAllError)}
              </p>`
            : nothing
        }
        <div>
          <button class="button" part="button pay-all-button" type="submit" ?disabled=${this.payAllBusy || step?.kind === "redirect"}>
            ${this.payAllBusy ? t.invoices.payAllBusy : t.invoices.payAll(this.money(open.total))}
          </button>
        </div>
        ${step?.kind === "redirect" ? html`<p class="hint" role="status">${t.billing.redirecting}</p>` : nothing}
        ${step?.kind === "instructions" ? renderInstructions(t, step) : nothing}
      </form>
    `;
  }

  private renderBody(t: BillingT) {
    const { error, loaded, items, loading } = this.list;
    const failure = renderLoadFailure(t, this.list);
    if (!loaded && !error) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (loaded && items.length === 0 && !error) {
      return html`<p class="notice" part="empty" role="status">${isStatus(this.status) ? t.invoices.emptyFiltered : t.invoices.empty}</p>`;
    }
    if (items.length === 0) return failure;
    return html`
      ${failure}
      <ul class="list" part="list" aria-busy=${loading === "page" ? "true" : "false"}>
        ${items.map((invoice, index) => this.renderInvoice(invoice, index, t))}
      </ul>
      ${renderListFooter(t.billing, this.list, t.invoices.shown(items.length), () => this.loadMore())}
    `;
  }

  private renderInvoice(invoice: Invoice, index: number, t: BillingT): TemplateResult {
    const overdue = invoice.status === "issued" && Date.parse(invoice.dueAt) < Date.now();
    const badge = overdue ? "overdue" : invoice.status;
    const tone = { issued: "warning", overdue: "danger", paid: "success", void: "neutral" }[badge];
    const expanded = this.expanded.has(invoice.id);
    const detailsId = `details-${invoice.id}`;
    return html`
      <li class="invoice card" part="item" data-index=${index}>
        <div class="invoice-head">
          <h3 class="number" tabindex="-1">${t.invoices.number(invoice.number)}</h3>
          ${renderBadge(tone, badge, badge === "overdue" ? t.invoices.overdue : t.invoices.status[invoice.status])}
        </div>
        ${
          invoice.lines.length
            ? html`<p class="summary">
                ${invoice.lines[0].description}${invoice.lines.length > 1 ? html` <span class="muted">${t.invoices.moreLines(invoice.lines.length - 1)}</span>` : nothing}
              </p>`
            : nothing
        }
        <div class="invoice-meta">
          <span class="total" part="total">${this.money(invoice.total)}</span>
          <span>${t.invoices.issued(this.date(invoice.issuedAt))}</span>
          ${invoice.status === "issued" ? html`<span class=${overdue ? "overdue" : ""}>${t.invoices.due(this.date(invoice.dueAt))}</span>` : nothing}
          ${invoice.paidAt ? html`<span>${t.invoices.paidOn(this.date(invoice.paidAt))}</span>` : nothing}
        </div>
        <div class="invoice-actions">
          <button
            class="link-button"
            part="toggle"
            type="button"
            aria-expanded=${expanded ? "true" : "false"}
            aria-controls=${detailsId}
            @click=${() => this.toggle(invoice.id)}
          >
            ${expanded ? t.invoices.hideDetails : t.invoices.showDetails}
          </button>
          ${invoice.status === "issued" && this.can("finance", "pay") ? this.renderPayFromBalance(invoice, t) : nothing}
        </div>
        ${this.payErrors.has(invoice.id) ? html`<p class="error" part="error" role="alert">${this.describePayError(t, this.payErrors.get(invoice.id))}</p>` : nothing}
        <div class="details" part="details" id=${detailsId} ?hidden=${!expanded}>${expanded ? this.renderLines(invoice, t) : nothing}</div>
      </li>
    `;
  }

  private renderPayFromBalance(invoice: Invoice, t: BillingT) {
    const available = this.side.value?.balance.available;
    const short = !!available && available.currency === invoice.total.currency && available.amount < invoice.total.amount;
    const reasonId = `reason-${invoice.id}`;
    const busy = this.paying === invoice.id;
    return html`
      <button
        class="button small"
        part="button pay"
        type="button"
        ?disabled=${short || this.paying !== null || !this.side.value}
        aria-describedby=${short ? reasonId : nothing}
        @click=${() => this.payFromBalance(invoice)}
      >
        ${busy ? t.invoices.paying : t.invoices.payFromBalance}
      </button>
      ${short ? html`<span class="reason" part="reason" id=${reasonId}>${t.invoices.notCovered(this.money(available!))}</span>` : nothing}
    `;
  }

  private renderLines(invoice: Invoice, t: BillingT) {
    return html`
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t.invoices.linesOf(invoice.number)}>
        <table part="lines">
          <thead>
            <tr>
              <th scope="col">${t.invoices.columns.description}</th>
              <th scope="col" class="num">${t.invoices.columns.quantity}</th>
              <th scope="col" class="num">${t.invoices.columns.unitAmount}</th>
              <th scope="col" class="num">${t.invoices.columns.amount}</th>
            </tr>
          </thead>
          <tbody>
            ${invoice.lines.map(
              (line) =>
                html`<tr>
                  <td>${line.description}</td>
                  <td class="num">${line.quantity}</td>
                  <td class="num">${this.money(line.unitAmount)}</td>
                  <td class="num">${this.money(line.amount)}</td>
                </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="3">${t.invoices.subtotal}</th>
              <td class="num">${this.money(invoice.subtotal)}</td>
            </tr>
            <tr>
              <th scope="row" colspan="3">
                ${invoice.taxInclusive ? t.invoices.taxIncluded(formatPercent(invoice.taxRatePercent, this.cabinet.settings.locale)) : t.invoices.tax(formatPercent(invoice.taxRatePercent, this.cabinet.settings.locale))}
              </th>
              <td class="num">${this.money(invoice.tax)}</td>
            </tr>
            <tr class="grand">
              <th scope="row" colspan="3">${t.invoices.total}</th>
              <td class="num">${this.money(invoice.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    `;
  }

  private describePayError(t: BillingT, cause: unknown): string {
    if (cause instanceof CabinetApiError && cause.code === "CAB_ERR_INSUFFICIENT_FUNDS") {
      const { required, available } = cause.details;
      if (isMoney(required) && isMoney(available)) return t.invoices.insufficient(this.money(required), this.money(available));
    }
    return describeError(t, cause);
  }

  private toggle(id: string): void {
    const expanded = new Set(this.expanded);
    if (!expanded.delete(id)) expanded.add(id);
    this.expanded = expanded;
  }

  private async payFromBalance(invoice: Invoice): Promise<void> {
    if (this.paying) return;
    this.paying = invoice.id;
    this.justPaid = null;
    const errors = new Map(this.payErrors);
    errors.delete(invoice.id);
    this.payErrors = errors;
    try {
      const paid = await this.payAttempt.send({ invoiceId: invoice.id }, (key) =>
        this.cabinet.session.call((api, c) => api.payInvoiceFromBalance(invoice.id, key, c)),
      );
      this.list.items = this.list.items.map((i) => (i.id === paid.id ? paid : i));
      this.justPaid = paid.number;
      this.emit("cab-invoice-paid", { invoice: paid });
      this.hub?.notify(); // the balance, the ledger and this list load again
    } catch (cause) {
      this.noteFailure(cause);
      this.payErrors = new Map(this.payErrors).set(invoice.id, cause);
    } finally {
      this.paying = null;
    }
  }

  private async onPayAll(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const open = this.side.value?.open ?? null;
    if (this.payAllBusy || !this.gateway || !open?.ids.length) return;
    this.payAllBusy = true;
    this.payAllError = null;
    this.step = null;
    try {
      const body = { gateway: this.gateway, invoiceIds: open.ids, returnUrl: returnUrl(window.location.href) };
      const payment = await this.startAttempt.send(body, (key) => this.cabinet.session.call((api, c) => api.startPayment(body, key, c)));
      this.hub?.notify();
      const step = this.followPayment(payment);
      if (step.kind === "unsupported") this.payAllError = UNSUPPORTED;
      else this.step = step;
    } catch (cause) {
      this.noteFailure(cause);
      this.payAllError = cause;
      // An invoice paid or voided meanwhile (409): show the list as it is now.
      if (cause instanceof CabinetApiError && cause.code === "CAB_ERR_CONFLICT") this.reload("change");
    } finally {
      this.payAllBusy = false;
    }
  }

  private async loadMore(): Promise<void> {
    const firstNew = await this.list.load("more");
    if (firstNew === null) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-index="${firstNew}"] .number`)?.focus();
  }
}

/** 21 → "21%", 20.5 → "20.5%" / "20,5 %". */
function formatPercent(percent: number, locale: string): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(percent / 100);
}
