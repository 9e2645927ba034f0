import { html, nothing, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { currencyDigits, formatAmountInput, parseAmount, type AmountProblem } from "../../billing/amount.js";
import { BillingElement } from "../../billing/billing-element.js";
import type { BillingChange } from "../../billing/billing-hub.js";
import { billingStyles } from "../../billing/billing.styles.js";
import { renderGatewayChoice, renderInstructions, renderPaymentReturn, returnUrl, type NextStep } from "../../billing/payment-flow.js";
import type { BillingT } from "../../i18n/billing.js";
import { describeError } from "../../i18n/index.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import { limitedToServices } from "../../runtime/rights.js";
import type { Money } from "../../runtime/api-types.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { WriteAttempt } from "../../services/order-attempt.js";
import { styles } from "./cab-balance.styles.js";

/** Why the amount field is refused: a typing problem, or outside the brand's bounds (the server's). */
type AmountError = { problem: AmountProblem; digits: number } | { bounds: { min: Money; max: Money } };

/** A started payment whose next step the widget cannot take (a gateway's own in-page form). */
const UNSUPPORTED = Symbol("unsupported");

const isMoney = (value: unknown): value is Money =>
  typeof value === "object" && value !== null && typeof (value as Money).amount === "number" && typeof (value as Money).currency === "string";

/**
 * The account's balance, what is available to spend, the renewals due in the next 30 days and
 * a recommended top-up; and a top-up form: an amount in the account's currency, a payment
 * method when there is a choice, and "Top up", which starts the payment and takes the client
 * to the gateway's page (or shows its transfer instructions). Back from the gateway
 * (`?payment=pay_…` in the page's address), it checks the payment, says how it went, and
 * shows the new balance.
 *
 * @slot heading - Replaces the heading ("Balance").
 *
 * @event cab-payment-started - `detail: { payment }`, the pending payment with its `nextAction`. Bubbles, is composed, and is cancelable: `preventDefault()` keeps the widget from following a `redirect` (the page does it its own way).
 * @event cab-payment-settled - `detail: { payment }` once a top-up the client came back from has succeeded or failed. Bubbles and is composed.
 *
 * @csspart heading - The default heading.
 * @csspart figures - The list of amounts (`<dl>`).
 * @csspart figure - One amount; also `figure-balance`, `figure-available`, `figure-renewals`, `figure-open-invoices`, `figure-recommended`.
 * @csspart amount - The balance's amount itself.
 * @csspart form - The top-up form.
 * @csspart label - The amount's label.
 * @csspart input - The amount field.
 * @csspart gateways - The payment method choice (`<fieldset>`), shown with two methods or more.
 * @csspart button - Buttons ("Top up", "Try again").
 * @csspart submit - The "Top up" button.
 * @csspart field-error - What is wrong with the amount.
 * @csspart outcome - The result of a payment the client came back from; also `outcome-succeeded`, `outcome-failed`, `outcome-pending`, `outcome-checking`, `outcome-error`.
 * @csspart instructions - A gateway's payment instructions (bank transfer).
 * @csspart signed-out - The "sign in" message.
 * @csspart forbidden - The "no access to billing" message.
 * @csspart error - A failure (`role="alert"`).
 *
 * @cssproperty --cab-color-primary - The "Top up" button.
 * @cssproperty --cab-color-success - "Payment received".
 * @cssproperty --cab-color-danger - A negative balance, a declined payment, errors.
 * @cssproperty --cab-color-background - The figures' background. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-balance></cab-balance>
 * <script type="module">
 *   document.addEventListener("cab-payment-settled", (e) => console.log(e.detail.payment.status));
 * </script>
 * ```
 *
 * @tag cab-balance
 */
export class CabBalance extends BillingElement {
  static override styles = [billingStyles, styles];

  private readonly balance = this.resource((api, c, signal) => api.balance(c, signal));
  // One Idempotency-Key per top-up attempt, kept across "Try again" when no answer came back.
  private readonly startAttempt = new WriteAttempt();
  private readonly gateways = this.resource(() => this.hub!.gateways());
  @state() private gateway: string | null = null;
  /** What is in the amount field; null until the client types (the recommendation fills it). */
  @state() private amountText: string | null = null;
  @state() private amountError: AmountError | null = null;
  /** A failure of "Top up" other than the amount's; `unsupported`: a next step the widget cannot take. */
  @state() private submitError: unknown = null;
  @state() private busy = false;
  /** What the started payment needs next: the gateway's page, or instructions to show. */
  @state() private step: NextStep | null = null;
  /** The brand's bounds, once the server has said them: later amounts are checked here first. */
  private bounds: { min: Money; max: Money } | null = null;

  protected override labels(t: BillingT) {
    return { title: t.balance.title, signedOut: t.billing.signedOut, forbidden: t.billing.forbidden };
  }

  protected override reload(reason: "session" | "change"): void {
    void this.balance.load(reason === "change");
    if (reason === "session") void this.loadGateways();
  }

  protected override clear(): void {
    this.gateway = null;
    this.amountText = null;
    this.amountError = null;
    this.submitError = null;
    this.step = null;
    this.bounds = null;
  }

  protected override billingChanged(change: BillingChange): void {
    super.billingChanged(change);
    this.announceSettled(change, "top_up");
  }

  private async loadGateways(): Promise<void> {
    const gateways = await this.gateways.load();
    if (gateways && !gateways.some((g) => g.id === this.gateway)) this.gateway = gateways[0]?.id ?? null;
  }

  /** The amount field's text: what the client typed, else the recommended top-up. */
  private get amountValue(): string {
    if (this.amountText !== null) return this.amountText;
    const recommended = this.balance.value?.recommendedTopUp;
    return recommended && recommended.amount > 0 ? formatAmountInput(recommended.amount, recommended.currency, this.cabinet.settings.locale) : "";
  }

  protected override renderContent(t: BillingT): TemplateResult {
    const payment = this.hub?.paymentReturn;
    const ownReturn = payment && !(payment.status === "checked" && payment.payment.purpose !== "top_up") ? payment : { status: "none" as const };
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.balance.title}</h2></slot>
      </div>
      ${renderPaymentReturn(
        t,
        ownReturn,
        (m) => this.money(m),
        () => this.hub?.checkReturn(),
      )}
      ${this.renderFigures(t)}
      ${
        limitedToServices(this.cabinet.session.me)
          ? html`<p class="hint" part="not-allowed">${t.common.wholeAccountOnly}</p>`
          : this.can("finance", "pay")
            ? this.renderTopUp(t)
            : this.renderNotAllowed()
      }
    `;
  }

  private renderFigures(t: BillingT) {
    const b = this.balance.value;
    if (this.balance.error && !b) return renderFailure(t, this.balance.error, () => void this.balance.load());
    if (!b) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    const recommended = b.recommendedTopUp.amount > 0;
    return html`
      <dl class="figures" part="figures">
        <div class="figure main" part="figure figure-balance">
          <dt>${t.balance.balance}</dt>
          <dd class="amount ${b.balance.amount < 0 ? "negative" : ""}" part="amount">${this.money(b.balance)}</dd>
        </div>
        <div class="figure" part="figure figure-available">
          <dt>${t.balance.available}</dt>
          <dd>
            ${this.money(b.available)}
            ${b.creditLimit.amount > 0 ? html`<span class="note">${t.balance.creditLimit(this.money(b.creditLimit))}</span>` : nothing}
          </dd>
        </div>
        <div class="figure" part="figure figure-renewals">
          <dt>${t.balance.upcoming(b.upcomingRenewals.days)}</dt>
          <dd>${this.money(b.upcomingRenewals)}</dd>
        </div>
        ${
          b.openInvoices && b.openInvoices.amount > 0
            ? html`<div class="figure" part="figure figure-open-invoices">
                <dt>${t.balance.openInvoices}</dt>
                <dd>${this.money(b.openInvoices)}</dd>
              </div>`
            : nothing
        }
        <div class="figure" part="figure figure-recommended">
          <dt>${t.balance.recommended}</dt>
          <dd>${recommended ? this.money(b.recommendedTopUp) : html`<span class="note">${t.balance.nothingRecommended}</span>`}</dd>
        </div>
      </dl>
    `;
  }

  private renderTopUp(t: BillingT) {
    const currency = this.balance.value?.balance.currency ?? this.cabinet.session.me?.account.currency ?? "";
    const heading = html`<h3 class="subheading">${t.balance.topUpTitle}</h3>`;
    if (this.gateways.error) return html`${heading}${renderFailure(t, this.gateways.error, () => void this.loadGateways())}`;
    const gateways = this.gateways.value;
    if (!gateways) return nothing;
    if (gateways.length === 0)
      return html`${heading}
        <p class="notice">${t.billing.noGateways}</p>`;

    const fieldError = this.amountError ? this.describeAmountError(t, this.amountError) : null;
    const step = this.step;
    return html`
      <form class="box" part="form" novalidate @submit=${this.onSubmit} aria-labelledby="top-up-title">
        <h3 class="subheading" id="top-up-title">${t.balance.topUpTitle}</h3>
        <div class="field">
          <label part="label" for="amount">${t.balance.amount(currency)}</label>
          <input
            part="input"
            class="input amount-input"
            id="amount"
            name="amount"
            type="text"
            inputmode="decimal"
            autocomplete="off"
            spellcheck="false"
            .value=${this.amountValue}
            aria-invalid=${fieldError ? "true" : "false"}
            aria-describedby=${fieldError ? "amount-error" : "amount-hint"}
            @input=${this.onAmountInput}
          />
          ${
            fieldError
              ? html`<p class="field-error" part="field-error" id="amount-error">${fieldError}</p>`
              : html`<p class="hint" id="amount-hint">${t.balance.amountHint(this.example(currency))}</p>`
          }
        </div>
        ${renderGatewayChoice(t, "gateway", gateways, this.gateway, (id) => (this.gateway = id))}
        ${
          this.submitError
            ? html`<p class="error" part="error" role="alert">
                ${this.submitError === UNSUPPORTED ? t.billing.unsupportedStep : describeError(t, this.submitError)}
              </p>`
            : nothing
        }
        <div class="actions">
          <button class="button" part="button submit" type="submit" ?disabled=${this.busy || step?.kind === "redirect"}>
            ${this.busy ? t.balance.submitting : t.balance.submit}
          </button>
        </div>
        ${step?.kind === "redirect" ? html`<p class="hint" role="status">${t.billing.redirecting}</p>` : nothing}
        ${step?.kind === "instructions" ? renderInstructions(t, step) : nothing}
      </form>
    `;
  }

  /** "25.00" in the currency's precision and the locale's decimal sign, for the hint. */
  private example(currency: string): string {
    return formatAmountInput(25 * 10 ** currencyDigits(currency), currency, this.cabinet.settings.locale);
  }

  private describeAmountError(t: BillingT, error: AmountError): string {
    if ("bounds" in error) return t.balance.outOfBounds(this.money(error.bounds.min), this.money(error.bounds.max));
    return t.balance.amountProblem[error.problem](error.digits);
  }

  private onAmountInput(event: Event): void {
    this.amountText = (event.target as HTMLInputElement).value;
    this.amountError = null;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.gateway) return;
    const currency = this.balance.value?.balance.currency ?? this.cabinet.session.me?.account.currency ?? "USD";
    const parsed = parseAmount(this.amountValue, currency, this.cabinet.settings.locale);
    this.submitError = null;
    this.step = null;
    if (!parsed.ok) return this.refuseAmount({ problem: parsed.problem, digits: parsed.digits });
    const bounds = this.bounds;
    if (bounds && bounds.min.currency === currency && (parsed.minor < bounds.min.amount || parsed.minor > bounds.max.amount))
      return this.refuseAmount({ bounds });

    this.busy = true;
    try {
      const body = { gateway: this.gateway, amount: parsed.minor, returnUrl: returnUrl(window.location.href) };
      const payment = await this.startAttempt.send(body, (key) => this.cabinet.session.call((api, c) => api.startPayment(body, key, c)));
      this.hub?.notify(); // the payments list shows it, pending
      const step = this.followPayment(payment);
      if (step.kind === "unsupported") this.submitError = UNSUPPORTED;
      else this.step = step;
    } catch (cause) {
      this.noteFailure(cause);
      const serverBounds = amountBounds(cause);
      if (serverBounds) {
        this.bounds = serverBounds;
        await this.refuseAmount({ bounds: serverBounds });
      } else {
        this.submitError = cause;
      }
    } finally {
      this.busy = false;
    }
  }

  private async refuseAmount(error: AmountError): Promise<void> {
    this.amountError = error;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("#amount")?.focus();
  }
}

/** The brand's top-up bounds from a 400 that names `/amount` and carries `details.min`/`max`. */
function amountBounds(cause: unknown): { min: Money; max: Money } | null {
  if (!(cause instanceof CabinetApiError) || cause.code !== "CAB_ERR_VALIDATION") return null;
  const { min, max, errors } = cause.details;
  const aboutAmount = Array.isArray(errors) && errors.some((e) => (e as { path?: unknown })?.path === "/amount");
  return aboutAmount && isMoney(min) && isMoney(max) ? { min, max } : null;
}
