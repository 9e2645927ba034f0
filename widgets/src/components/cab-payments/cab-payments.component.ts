import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import { BillingElement } from "../../billing/billing-element.js";
import { billingStyles } from "../../billing/billing.styles.js";
import { clampPageSize, PagedList } from "../../runtime/paged-list.js";
import { nextStep, renderInstructions } from "../../billing/payment-flow.js";
import type { BillingT } from "../../i18n/billing.js";
import type { Payment, PaymentStatus } from "../../runtime/api-types.js";
import { renderBadge, renderListFooter, renderLoadFailure } from "../../runtime/list-parts.js";
import { styles } from "./cab-payments.styles.js";

const tones: Record<PaymentStatus, "success" | "warning" | "danger"> = { succeeded: "success", pending: "warning", failed: "danger" };

/**
 * The account's payments, newest first: date, what it paid for, the payment method, the
 * amount and a status badge (in words, not colour alone), with any refund; a pending payment
 * whose gateway page is still open has a link to finish it, and one waiting for a bank
 * transfer opens its instructions again. "Load more" pages on.
 * It reloads by itself when a payment starts or settles in another billing widget.
 *
 * @slot heading - Replaces the heading ("Payments").
 *
 * @csspart heading - The default heading.
 * @csspart table - The `<table>` of payments.
 * @csspart row - One payment's row.
 * @csspart badge - A status badge; also `badge-pending`, `badge-succeeded`, `badge-failed`.
 * @csspart refund - "Refunded $5.00".
 * @csspart continue - "Continue payment" (a pending payment's gateway page) or "How to pay" (its transfer instructions).
 * @csspart instructions - A pending payment's transfer instructions.
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "no access to billing" message.
 * @csspart empty - The "no payments yet" message.
 * @csspart error - A failure (`role="alert"`), with a retry button.
 * @csspart button - Buttons ("Load more", "Try again").
 * @csspart load-more - The "Load more" button.
 *
 * @cssproperty --cab-color-success - "Succeeded".
 * @cssproperty --cab-color-warning - "Pending".
 * @cssproperty --cab-color-danger - "Failed" and errors. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-payments page-size="10"></cab-payments>
 * ```
 *
 * @tag cab-payments
 */
export class CabPayments extends BillingElement {
  static override styles = [billingStyles, styles];

  /** Payments per page, 1 to 100. */
  @property({ type: Number, attribute: "page-size" }) pageSize = 10;

  /** Gateway ids to their names, for the "Method" column; ids until they arrive. */
  @state() private gatewayNames = new Map<string, string>();
  /** Pending payments whose instructions (a bank transfer's) are open. */
  @state() private openInstructions = new Set<string>();

  private readonly list = new PagedList<Payment>(
    this,
    (cursor, signal) => this.cabinet.session.call((api, c) => api.listPayments({ cursor, limit: clampPageSize(this.pageSize) }, c, signal)),
    (cause) => this.noteFailure(cause),
  );

  protected override labels(t: BillingT) {
    return { title: t.payments.title, signedOut: t.billing.signedOut, forbidden: t.billing.forbidden };
  }

  protected override reload(reason: "session" | "change"): void {
    void this.list.load("page", reason === "change");
    if (reason === "session") {
      this.hub?.gateways().then(
        (gateways) => (this.gatewayNames = new Map(gateways.map((g) => [g.id, g.displayName]))),
        () => {}, // the ids will do
      );
    }
  }

  protected override clear(): void {
    this.list.clear();
    this.gatewayNames = new Map();
    this.openInstructions = new Set();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has("pageSize") && changed.get("pageSize") !== undefined && this.access === "granted") void this.list.load("page");
  }

  protected override renderContent(t: BillingT): TemplateResult {
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.payments.title}</h2></slot>
      </div>
      ${this.renderBody(t)}
    `;
  }

  private renderBody(t: BillingT) {
    const { error, loaded, items } = this.list;
    const failure = renderLoadFailure(t, this.list);
    if (!loaded && !error) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (loaded && items.length === 0 && !error) return html`<p class="notice" part="empty" role="status">${t.payments.empty}</p>`;
    return html`${failure}${items.length ? this.renderTable(t) : nothing}`;
  }

  private renderTable(t: BillingT) {
    const { items, loading } = this.list;
    return html`
      <div class="table-wrap" tabindex="0" role="region" aria-label=${t.payments.title}>
        <table part="table" aria-busy=${loading === "page" ? "true" : "false"}>
          <thead>
            <tr>
              <th scope="col">${t.payments.columns.date}</th>
              <th scope="col">${t.payments.columns.description}</th>
              <th scope="col">${t.payments.columns.method}</th>
              <th scope="col" class="num">${t.payments.columns.amount}</th>
              <th scope="col">${t.payments.columns.status}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map((p, index) => this.renderRow(p, index, t))}
          </tbody>
        </table>
      </div>
      ${renderListFooter(t.billing, this.list, t.payments.shown(items.length), () => this.loadMore())}
    `;
  }

  private renderRow(payment: Payment, index: number, t: BillingT): TemplateResult {
    const step = nextStep(payment);
    const instructionsOpen = step.kind === "instructions" && this.openInstructions.has(payment.id);
    const instructionsId = `instructions-${payment.id}`;
    return html`
      <tr part="row" data-index=${index}>
        <th scope="row" class="nowrap" tabindex="-1">${this.date(payment.createdAt)}</th>
        <td>${payment.purpose === "top_up" ? t.payments.purpose.top_up : t.payments.purpose.invoices(payment.invoiceIds.length)}</td>
        <td>${this.gatewayNames.get(payment.gateway) ?? payment.gateway}</td>
        <td class="num">${this.money(payment.amount)}</td>
        <td>
          <div class="status">
            ${renderBadge(tones[payment.status] ?? "warning", payment.status, t.payments.status[payment.status] ?? payment.status)}
            ${payment.refunded.amount > 0 ? html`<span class="refund" part="refund">${t.payments.refunded(this.money(payment.refunded))}</span>` : nothing}
            ${step.kind === "redirect" && this.can("finance", "pay") ? html`<a class="continue" part="continue" href=${step.url}>${t.payments.continue}</a>` : nothing}
            ${
              step.kind === "instructions"
                ? html`<button
                    class="link-button continue"
                    part="continue"
                    type="button"
                    aria-expanded=${instructionsOpen ? "true" : "false"}
                    aria-controls=${instructionsId}
                    @click=${() => this.toggleInstructions(payment.id)}
                  >
                    ${t.payments.howToPay}
                  </button>`
                : nothing
            }
          </div>
        </td>
      </tr>
      ${
        step.kind === "instructions"
          ? html`<tr class="instructions-row" id=${instructionsId} ?hidden=${!instructionsOpen}>
              <td colspan="5">${instructionsOpen ? renderInstructions(t, step) : nothing}</td>
            </tr>`
          : nothing
      }
    `;
  }

  private toggleInstructions(id: string): void {
    const open = new Set(this.openInstructions);
    if (!open.delete(id)) open.add(id);
    this.openInstructions = open;
  }

  private async loadMore(): Promise<void> {
    const firstNew = await this.list.load("more");
    if (firstNew === null) return;
    // Keyboard and screen-reader users continue from the first payment that arrived.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`tr[data-index="${firstNew}"] th`)?.focus();
  }
}
