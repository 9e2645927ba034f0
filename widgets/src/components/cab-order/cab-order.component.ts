import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { property, state } from "lit/decorators.js";
import type { ServicesT } from "../../i18n/services.js";
import { CabinetApiError } from "../../runtime/api-client.js";
import type { Order, OrderItem, ParameterValue, Payer, Product, Quote, QuoteBody } from "../../runtime/api-types.js";
import { DebouncedRequest } from "../../services/debounced-request.js";
import { outcomeUnknown, WriteAttempt } from "../../services/order-attempt.js";
import { choiceKey, defaultsOf, firstProblem, problemMessage, renderParameterFields, withDefaults, type ParameterValues } from "../../services/parameters.js";
import { fillTemplate } from "../../runtime/link-template.js";
import { renderFailure } from "../../runtime/list-parts.js";
import { describeServiceError, invalidParameter, ServicesElement } from "../../services/services-element.js";
import { servicesStyles } from "../../services/services.styles.js";
import { payersApi } from "../../billing/payers-api.js";
import { styles } from "./cab-order.styles.js";

/** `cab-service-ordered`: the order as the server answered it. */
export interface ServiceOrderedDetail {
  order: Order;
}

/**
 * The catalog and the order form in one: the client chooses a product, a billing period and
 * the product's parameters (sliders and number fields for ranges, selects for choices,
 * checkboxes for options), sees the price the server quotes for exactly that choice — its
 * lines and total, asked again a moment after every change, never worked out in the page —
 * and orders. Paid from the balance, it shows the new service; otherwise the invoice to pay.
 * Signed-out visitors can browse and see prices; ordering asks them to sign in.
 *
 * A double click orders once: every attempt carries one `Idempotency-Key`, kept until the
 * server has answered it.
 *
 * @slot heading - Replaces the heading ("Order a service").
 *
 * @event cab-service-ordered - `detail: { order }` (`status` `paid` or `awaiting_payment`, `services`, `invoiceId`). Bubbles and is composed.
 *
 * @csspart heading - The default heading.
 * @csspart form - The order form.
 * @csspart products - The product choice (`<fieldset>`), shown when there is more than one product.
 * @csspart product - One product's radio button and description.
 * @csspart period - The billing period's `<select>`.
 * @csspart parameters - The parameters' `<fieldset>`.
 * @csspart parameter - One parameter; also `parameter-<key>`.
 * @csspart range - A range's slider.
 * @csspart input - A number field, select or text field.
 * @csspart field-error - What is wrong with a parameter.
 * @csspart price - The price box (lines, setup fee, total); `aria-live`.
 * @csspart total - The total due now.
 * @csspart submit - The "Order for $X" button.
 * @csspart outcome - The order's outcome; also `outcome-paid`, `outcome-awaiting`.
 * @csspart signed-out - "Sign in to order".
 * @csspart forbidden - "Ordering needs the services permission".
 * @csspart error - A failure (`role="alert"`).
 * @csspart button - Buttons.
 *
 * @cssproperty --cab-color-primary - The "Order" button, the sliders.
 * @cssproperty --cab-color-background - The price box.
 * @cssproperty --cab-color-success - A paid order. See `theme/tokens.ts` for every `--cab-*` property.
 *
 * @example
 * ```html
 * <cab-order service-href="/services.html?service={id}" invoice-href="/billing.html#invoices"></cab-order>
 * <script type="module">
 *   document.addEventListener("cab-service-ordered", (e) => console.log(e.detail.order.status));
 * </script>
 * ```
 *
 * @tag cab-order
 */
export class CabOrder extends ServicesElement {
  static override styles = [servicesStyles, styles];

  /** A product's code: the form offers only this product (a "Order this plan" page). Empty: the whole catalog. */
  @property() product = "";
  /** The currency of the prices shown to signed-out visitors; empty: the brand's default. Signed in, the account's (what an order is charged in). */
  @property() currency = "";
  /** Where a new service is, `{id}` standing for its id: `/services.html?service={id}`. */
  @property({ attribute: "service-href" }) serviceHref = "";
  /** Where an invoice is paid, `{id}` standing for its id: `/billing.html#invoices`. */
  @property({ attribute: "invoice-href" }) invoiceHref = "";

  /** The catalog's products (only `product`'s, when it names one), in the chosen currency. */
  private readonly catalog = this.resource(
    async (api, c, signal) => {
      const { items } = await api.catalog(this.chosenCurrency, c, signal);
      const code = this.product.trim();
      return code ? items.filter((p) => p.code === code) : items;
    },
    // The same product again (another currency), else the first: chosen in the render that shows the catalog.
    (products) => {
      const keep = products.find((p) => p.id === this.productId);
      this.choose(keep ?? products[0] ?? null, !!keep);
    },
  );
  @state() private productId: string | null = null;
  @state() private periodMonths = 0;
  @state() private values: ParameterValues = {};
  @state() private label = "";
  @state() private autoRenew = true;
  @state() private submitError: unknown = null;
  @state() private order: Order | null = null;
  /** The account's payers, when the user may see them; with two or more, the form asks who the invoice is for. */
  @state() private payers: Payer[] = [];
  @state() private payerId = "";
  /** The payers' strings: fetched (their own chunk) only when there is a payer to choose. */
  @state() private payersI18n: typeof import("../../i18n/payers.js") | null = null;

  private readonly attempt = new WriteAttempt();
  private readonly quote = new DebouncedRequest<QuoteBody, Quote>(
    (body, signal) => this.cabinet.session.call((api, c) => api.quote(body, c, signal)),
    () => this.requestUpdate(),
  );

  /** Visitors see the catalog and its prices; ordering says itself that it needs signing in. */
  protected override readonly signInRequired = false;

  /** Signed in: the account's currency (and so the prices) may differ from a visitor's. */
  protected override reload(): void {
    this.clear();
    void this.loadCatalog();
    void this.loadPayers();
  }

  /** The payers to choose from; without the right to see them (a sysadmin) none, and the order goes to the default payer. */
  private async loadPayers(): Promise<void> {
    if (this.cabinet.session.state.status !== "signed-in") return;
    try {
      const { items } = await this.cabinet.session.call((api, c) => payersApi.list(api, c));
      if (items.length > 1) this.payersI18n ??= await import("../../i18n/payers.js");
      this.payers = items;
      this.payerId = items.find((p) => p.isDefault)?.id ?? "";
    } catch {
      this.payers = [];
    }
  }

  /** Signed out (or still restoring the session): forgets the last order; a visitor gets the catalog in the brand's currency. */
  protected override clear(): void {
    this.order = null;
    this.submitError = null;
    this.payers = [];
    if (this.cabinet.session.state.status === "signed-out") void this.loadCatalog();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const was = (key: keyof CabOrder) => changed.has(key) && changed.get(key) !== undefined;
    if ((was("product") || was("currency")) && this.cabinet.session.state.status !== "restoring") void this.loadCatalog();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.quote.reset();
  }

  /** Signed in, the account's currency: orders are priced in it, so the quote must be too. */
  private get chosenCurrency(): string | undefined {
    return this.cabinet.session.me?.account.currency || this.currency.trim().toUpperCase() || undefined;
  }

  private async loadCatalog(): Promise<void> {
    // Another currency or product: nothing of the last catalog stays on screen meanwhile.
    this.catalog.set(null);
    this.quote.reset();
    await this.catalog.load();
  }

  private get chosen(): Product | null {
    return this.catalog.value?.find((p) => p.id === this.productId) ?? null;
  }

  /** A product chosen: its first period and its defaults, unless `keep` (the same product again). */
  private choose(product: Product | null, keep = false): void {
    this.productId = product?.id ?? null;
    if (!product) return;
    if (!keep || !product.prices.some((p) => p.periodMonths === this.periodMonths)) this.periodMonths = product.prices[0]?.periodMonths ?? 0;
    this.values = keep ? withDefaults(product.parameters, this.values) : defaultsOf(product.parameters);
    this.askQuote(true);
  }

  private get body(): QuoteBody | null {
    const product = this.chosen;
    if (!product) return null;
    return { productId: product.id, periodMonths: this.periodMonths, parameters: withDefaults(product.parameters, this.values), currency: this.chosenCurrency };
  }

  private get bodyKey(): string {
    return choiceKey(this.body);
  }

  /** Asks the server for the price of what is chosen now (a moment later, unless `now`). */
  private askQuote(now = false): void {
    const body = this.body;
    const product = this.chosen;
    if (!body || !product || firstProblem(product.parameters, body.parameters ?? {})) return;
    this.quote.request(body, choiceKey(body), now);
  }

  private setValue(key: string, value: ParameterValue): void {
    this.values = { ...this.values, [key]: value };
    this.submitError = null;
    this.askQuote();
  }

  protected override labels(t: ServicesT) {
    return { title: t.order.title, signedOut: t.order.signedOut, forbidden: t.order.forbidden };
  }

  protected override renderContent(t: ServicesT): TemplateResult {
    return html`
      <div class="header">
        <slot name="heading"><h2 class="heading" part="heading">${t.order.title}</h2></slot>
      </div>
      ${this.renderBody(t)}
    `;
  }

  private renderBody(t: ServicesT) {
    if (this.catalog.error) return renderFailure(t, this.catalog.error, () => void this.loadCatalog(), describeServiceError);
    if (!this.catalog.value) return html`<p class="notice" role="status">${t.common.loading}</p>`;
    if (this.order) return this.renderOutcome(t, this.order);
    const product = this.chosen;
    if (!product) return html`<p class="notice" part="empty">${t.order.noProducts}</p>`;
    return html`
      <form class="order" part="form" novalidate @submit=${this.onSubmit}>
        ${this.renderProducts(t)}
        <div class="field">
          <label for="order-period">${t.order.period}</label>
          <select class="input" part="period" id="order-period" @change=${this.onPeriod}>
            ${product.prices.map(
              (price) =>
                html`<option value=${price.periodMonths} ?selected=${price.periodMonths === this.periodMonths}>
                  ${t.order.periodOption(t.svc.period(price.periodMonths), this.money(price.amount))}
                </option>`,
            )}
          </select>
        </div>
        ${
          product.parameters.length
            ? html`<fieldset class="params" part="parameters">
                <legend>${t.order.parameters}</legend>
                ${renderParameterFields({
                  t,
                  defs: product.parameters,
                  values: this.values,
                  idPrefix: "order",
                  locale: this.uiLocale,
                  money: (m) => this.money(m),
                  problems: this.problems(t, product),
                  onChange: (key, value) => this.setValue(key, value),
                })}
              </fieldset>`
            : nothing
        }
        <div class="extras">
          <div class="field">
            <label for="order-label">${t.order.label}</label>
            <input
              class="input"
              part="input"
              id="order-label"
              type="text"
              maxlength="100"
              autocomplete="off"
              .value=${this.label}
              aria-describedby="order-label-hint"
              @input=${(e: Event) => (this.label = (e.target as HTMLInputElement).value)}
            />
            <p class="hint" id="order-label-hint">${t.order.labelHint}</p>
          </div>
          <label class="checkbox">
            <input type="checkbox" .checked=${this.autoRenew} @change=${(e: Event) => (this.autoRenew = (e.target as HTMLInputElement).checked)} />
            <span>${t.order.autoRenew}</span>
          </label>
        </div>
        ${this.renderPayer()} ${this.renderPrice(t)} ${this.renderSubmit(t)}
      </form>
    `;
  }

  private renderProducts(t: ServicesT) {
    const products = this.catalog.value ?? [];
    if (products.length < 2) {
      const only = products[0];
      return only
        ? html`<div class="product-one">
            <p class="product-name">${only.name}</p>
            <p class="muted">${only.description}</p>
          </div>`
        : nothing;
    }
    return html`<fieldset class="products" part="products">
      <legend>${t.order.product}</legend>
      <div class="product-grid">
        ${products.map((p) => {
          const cheapest = p.prices[0];
          return html`<label class="product-card" part="product">
            <input type="radio" name="order-product" value=${p.id} .checked=${p.id === this.productId} @change=${() => this.onProduct(p)} />
            <span class="product-text">
              <span class="product-name">${p.name}</span>
              <span class="muted">${p.description}</span>
              ${cheapest ? html`<span class="product-from">${t.order.from(t.svc.perPeriod(this.money(cheapest.amount), cheapest.periodMonths))}</span>` : nothing}
            </span>
          </label>`;
        })}
      </div>
    </fieldset>`;
  }

  /** Problems per parameter: the local range check first, then what the server's 422 named. */
  private problems(t: ServicesT, product: Product): Record<string, string> {
    const problems: Record<string, string> = {};
    const bad = firstProblem(product.parameters, withDefaults(product.parameters, this.values));
    if (bad) problems[bad.key] = problemMessage(t, bad, this.uiLocale);
    const named = invalidParameter(this.quote.errorFor(this.bodyKey)) ?? invalidParameter(this.submitError);
    const def = product.parameters.find((d) => d.key === named);
    if (def && !problems[def.key]) problems[def.key] = problemMessage(t, def, this.uiLocale);
    return problems;
  }

  private renderPrice(t: ServicesT) {
    const key = this.bodyKey;
    const quote = this.quote.valueFor(key);
    const error = this.quote.errorFor(key);
    const waiting = this.quote.pendingKey !== null;
    return html`<div class="inset price-box" part="price" aria-live="polite" aria-busy=${waiting ? "true" : "false"}>
      <p class="subheading">${t.order.priceTitle}</p>
      ${error && !invalidParameter(error) ? renderFailure(t, error, () => this.askQuote(true), describeServiceError) : nothing}
      ${
        quote
          ? html`<dl class="price-lines">
                ${quote.lines.map(
                  (line) =>
                    html`<div>
                      <dt>${line.description}</dt>
                      <dd>${this.money(line.amount)}</dd>
                    </div>`,
                )}
                ${
                  quote.setupFee.amount > 0
                    ? html`<div>
                        <dt>${t.order.setupFee}</dt>
                        <dd>${this.money(quote.setupFee)}</dd>
                      </div>`
                    : nothing
                }
                <div class="grand" part="total">
                  <dt>${t.order.total}</dt>
                  <dd>${this.money(quote.total)}</dd>
                </div>
              </dl>
              <p class="hint">${t.order.thenPerPeriod(t.svc.perPeriod(this.money(quote.perPeriod), quote.periodMonths))}</p>`
          : nothing
      }
      ${waiting ? html`<p class="hint">${t.order.updating}</p>` : nothing}
    </div>`;
  }

  private renderPayer() {
    if (this.payers.length < 2 || !this.payersI18n) return nothing;
    const p = this.payersI18n.payersStrings(this.cabinet.settings.locale).payers;
    return html`<div class="field">
      <label for="order-payer">${p.choose}</label>
      <select
        class="input"
        part="payer"
        id="order-payer"
        aria-describedby="order-payer-hint"
        @change=${(e: Event) => (this.payerId = (e.target as HTMLSelectElement).value)}
      >
        ${this.payers.map((payer) => html`<option value=${payer.id} ?selected=${payer.id === this.payerId}>${payer.name}</option>`)}
      </select>
      <p class="hint" id="order-payer-hint">${p.chooseHint}</p>
    </div>`;
  }

  private renderSubmit(t: ServicesT) {
    if (!this.signedIn) return html`<p class="notice" part="signed-out">${t.order.signedOut}</p>`;
    if (!this.can("services", "order")) return html`<p class="notice" part="forbidden" role="status">${t.order.forbidden}</p>`;
    const quote = this.quote.valueFor(this.bodyKey);
    const ordering = this.busy === "order";
    return html`
      ${
        this.submitError && !invalidParameter(this.submitError)
          ? html`<p class="error" part="error" role="alert">${describeServiceError(t, this.submitError)}</p>`
          : nothing
      }
      <div class="actions">
        <button class="button" part="button submit" type="submit" ?disabled=${!quote || ordering}>
          ${ordering ? t.order.submitting : quote ? t.order.submit(this.money(quote.total)) : t.order.submitWaiting}
        </button>
      </div>
    `;
  }

  private renderOutcome(t: ServicesT, order: Order): TemplateResult {
    const paid = order.status === "paid";
    const invoiceHref = order.invoiceId && this.invoiceHref ? fillTemplate(this.invoiceHref, order.invoiceId) : null;
    return html`<div class="outcome-block">
      <div class="outcome ${paid ? "tone-success" : "tone-warning"}" part="outcome ${paid ? "outcome-paid" : "outcome-awaiting"}" role="status" tabindex="-1">
        <div class="outcome-text">
          <p><strong>${paid ? t.order.paid(this.money(order.total)) : t.order.awaiting(this.money(order.total))}</strong></p>
          ${order.services.map(
            (s) =>
              html`<p>
                ${t.order.paidService(s.label ?? s.product.name, this.statusLabel(s.status))}
                ${this.serviceHref ? html`<a href=${fillTemplate(this.serviceHref, s.id)}>${t.svc.openService}</a>` : nothing}
              </p>`,
          )}
        </div>
        ${invoiceHref ? html`<a class="button small" part="button invoice-link" href=${invoiceHref}>${t.svc.openInvoice}</a>` : nothing}
      </div>
      <div><button class="button secondary" part="button" type="button" @click=${this.orderAnother}>${t.order.orderAnother}</button></div>
    </div>`;
  }

  private onProduct(product: Product): void {
    this.submitError = null;
    this.choose(product);
  }

  private onPeriod(event: Event): void {
    this.periodMonths = Number((event.target as HTMLSelectElement).value);
    this.submitError = null;
    this.askQuote(true);
  }

  private async orderAnother(): Promise<void> {
    this.order = null;
    this.label = "";
    this.askQuote(true);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("input, select")?.focus();
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const body = this.body;
    // Only what the server has priced is ordered: the button shows that very total.
    if (this.busy || !body || !this.quote.valueFor(choiceKey(body)) || !this.can("services", "order")) return;
    const item: OrderItem = { productId: body.productId, periodMonths: body.periodMonths, parameters: body.parameters, autoRenew: this.autoRenew };
    const label = this.label.trim();
    if (label) item.label = label;
    const items = [item];
    const payerId = this.payers.length > 1 && this.payerId ? this.payerId : undefined;
    const key = this.attempt.keyFor(payerId ? { items, payerId } : items);
    this.busy = "order";
    this.submitError = null;
    try {
      const order = await this.cabinet.session.call((api, c) => api.placeOrder(items, key, c, payerId));
      this.attempt.settled();
      this.order = order;
      this.emit<ServiceOrderedDetail>("cab-service-ordered", { order });
      this.hub?.notify(order.services.map((s) => s.id));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(".outcome")?.focus();
    } catch (cause) {
      // Without an answer the order may exist: "Order" again re-sends the same key.
      if (!(cause instanceof CabinetApiError && outcomeUnknown(cause.status))) this.attempt.settled();
      this.submitError = cause;
    } finally {
      this.busy = null;
    }
  }
}
