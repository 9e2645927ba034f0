import { html, nothing, type TemplateResult } from "lit";
import type { BillingT } from "../i18n/billing.js";
import { describeError } from "../i18n/index.js";
import type { Gateway, Money, NextAction, Payment } from "../runtime/api-types.js";
import type { PaymentReturn } from "./billing-hub.js";

/**
 * Where a gateway sends the client back: this very page, without its query (the gateway adds
 * `?payment=pay_…`). The fragment stays, so a hash-routed single-page app comes back to its
 * billing route. The core accepts it only if the page's origin is among the brand's.
 */
export function returnUrl(href: string): string {
  const url = new URL(href);
  url.search = "";
  return url.href;
}

/** What a widget does with a started payment's `nextAction`. */
export type NextStep =
  /** Off to the gateway's page; the widget shows "Taking you to the payment page…". */
  | { kind: "redirect"; url: string }
  /** Show the transfer instructions. */
  | { kind: "instructions"; text: string; details: Record<string, string> }
  /** Nothing to do: settled at once, or pending on the gateway's side. */
  | { kind: "none" }
  /** A step the widgets cannot take (a gateway's in-page card form). */
  | { kind: "unsupported" };

export function nextStep(payment: Payment): NextStep {
  const action: NextAction | null = payment.nextAction;
  if (!action || payment.status !== "pending") return { kind: "none" };
  if (action.kind === "redirect") {
    // Only a web page: a gateway's answer must never run script in the provider's page.
    try {
      const url = new URL(action.url);
      if (url.protocol === "https:" || url.protocol === "http:") return { kind: "redirect", url: url.href };
    } catch {
      // fall through
    }
    return { kind: "unsupported" };
  }
  if (action.kind === "instructions") return { kind: "instructions", text: action.text, details: action.details ?? {} };
  return { kind: "unsupported" };
}

/**
 * The gateway choice: radio buttons in a fieldset, or nothing at all when there is one
 * gateway (no choice to make). `name` keeps two forms' radios apart.
 */
export function renderGatewayChoice(
  t: BillingT,
  name: string,
  gateways: Gateway[],
  selected: string | null,
  onChange: (id: string) => void,
): TemplateResult | typeof nothing {
  if (gateways.length < 2) return nothing;
  return html`
    <fieldset class="gateways" part="gateways">
      <legend>${t.billing.paymentMethod}</legend>
      ${gateways.map(
        (g) =>
          html`<label class="radio">
            <input type="radio" name=${name} value=${g.id} .checked=${selected === g.id} @change=${() => onChange(g.id)} />
            <span>${g.displayName}</span>
          </label>`,
      )}
    </fieldset>
  `;
}

/**
 * Bank-transfer style instructions: the gateway's text (in the gateway's words) and its details
 * as a list, named in the widget's language where the name is a known one.
 */
export function renderInstructions(t: BillingT, step: { text: string; details: Record<string, string> }): TemplateResult {
  const entries = Object.entries(step.details);
  return html`
    <div class="inset instructions" part="instructions" role="status">
      <p class="instructions-title">${t.billing.instructionsTitle}</p>
      <p>${step.text}</p>
      ${
        entries.length
          ? html`<dl>
              ${entries.map(
                ([key, value]) =>
                  html`<div>
                    <dt>${Object.prototype.hasOwnProperty.call(t.billing.instructionDetail, key) ? t.billing.instructionDetail[key] : key}</dt>
                    <dd>${value}</dd>
                  </div>`,
              )}
            </dl>`
          : nothing
      }
    </div>
  `;
}

/**
 * The outcome of the payment the page came back with: "Payment received: $25.00" (a status),
 * "The payment was declined" (an alert), still processing, or why it could not be checked.
 */
export function renderPaymentReturn(t: BillingT, state: PaymentReturn, money: (m: Money) => string, retry: () => void): TemplateResult | typeof nothing {
  switch (state.status) {
    case "none":
      return nothing;
    case "checking":
      return html`<div class="outcome" part="outcome outcome-checking" role="status"><p>${t.billing.returnChecking}</p></div>`;
    case "error":
      return html`<div class="outcome tone-danger" part="outcome outcome-error" role="alert">
        <p><strong>${t.billing.returnError}</strong> ${describeError(t, state.cause)}</p>
        <button class="button secondary small" part="button" type="button" @click=${retry}>${t.common.retry}</button>
      </div>`;
    case "checked": {
      const { payment } = state;
      if (payment.status === "succeeded") {
        return html`<div class="outcome tone-success" part="outcome outcome-succeeded" role="status">
          <p><strong>${t.billing.paymentReceived(money(payment.received ?? payment.amount))}</strong></p>
        </div>`;
      }
      if (payment.status === "failed") {
        return html`<div class="outcome tone-danger" part="outcome outcome-failed" role="alert">
          <p><strong>${t.billing.paymentDeclined}</strong> ${t.billing.paymentNotCharged}</p>
        </div>`;
      }
      return html`<div class="outcome tone-warning" part="outcome outcome-pending" role="status">
        <p><strong>${t.billing.paymentPending}</strong></p>
      </div>`;
    }
  }
}
