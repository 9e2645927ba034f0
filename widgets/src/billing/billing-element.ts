import { billingStrings, type BillingT } from "../i18n/billing.js";
import type { Locale } from "../i18n/index.js";
import type { Payment, Permission } from "../runtime/api-types.js";
import { GatedElement } from "../runtime/gated-element.js";
import { billingHub, type BillingChange, type BillingHub } from "./billing-hub.js";
import { nextStep, type NextStep } from "./payment-flow.js";

/** `cab-payment-started`: a payment the widget started, pending, with its `nextAction`. */
export interface PaymentStartedDetail {
  payment: Payment;
}

/** `cab-payment-settled`: a payment the client came back from, `succeeded` or `failed`. */
export interface PaymentSettledDetail {
  payment: Payment;
}

/**
 * What every billing widget shares, on top of {@link GatedElement} (the states before any data,
 * with the `finance` permission by default): the shared {@link BillingHub}, and loading again
 * when money moves. Not a widget.
 */
export abstract class BillingElement extends GatedElement<BillingT> {
  protected override readonly permission: Permission | Permission[] | null = "finance";

  protected hub: BillingHub | null = null;
  private readonly settledAnnounced = new Set<string>();

  protected override stringsFor(locale: Locale): BillingT {
    return billingStrings(locale);
  }

  protected override sessionStarted(): void {
    this.reload("session");
    this.hub?.checkReturn();
  }

  protected override listenToNews(): (() => void) | null {
    this.hub = this.cabinet.context ? billingHub(this.cabinet.context) : null;
    return this.hub?.subscribe((change) => this.billingChanged(change)) ?? null;
  }

  /** Money moved (a payment settled, an invoice was paid): load again, quietly. */
  protected billingChanged(change: BillingChange): void {
    if (change.kind === "payment-return") this.requestUpdate();
    else if (this.access === "granted") this.reload("change");
  }

  /**
   * Announces a payment this widget started (`cab-payment-started`, cancelable) and follows
   * its next step: to the gateway's page, unless the host page called `preventDefault()`.
   * The widget shows the returned step (instructions, "unsupported").
   */
  protected followPayment(payment: Payment): NextStep {
    const proceed = this.emit<PaymentStartedDetail>("cab-payment-started", { payment }, true);
    const step = nextStep(payment);
    if (step.kind !== "redirect") return step;
    if (!proceed) return { kind: "none" }; // the page takes it from here
    window.location.assign(step.url);
    return step;
  }

  /** `cab-payment-settled`, once per payment, for the payments of `purpose` this widget started. */
  protected announceSettled(change: BillingChange, purpose: Payment["purpose"]): void {
    if (change.kind !== "payment-settled" || change.payment.purpose !== purpose || this.settledAnnounced.has(change.payment.id)) return;
    this.settledAnnounced.add(change.payment.id);
    this.emit<PaymentSettledDetail>("cab-payment-settled", { payment: change.payment });
  }
}
