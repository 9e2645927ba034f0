import { html, type TemplateResult } from "lit";
import { state } from "lit/decorators.js";
import { billingStrings, type BillingT } from "../i18n/billing.js";
import type { Locale } from "../i18n/index.js";
import { CabinetApiError } from "../runtime/api-client.js";
import type { Money, Payment, Permission } from "../runtime/api-types.js";
import { CabinetElement } from "../runtime/cabinet-element.js";
import { formatDate, formatMoney } from "../runtime/format.js";
import type { SessionState } from "../runtime/session-store.js";
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

/** Why a billing widget shows its data or not. */
export type Access = "restoring" | "signed-out" | "forbidden" | "granted";

/**
 * What every billing widget shares, on top of {@link CabinetElement}: the states before any
 * data (restoring the session, signed out, no `finance` permission — said plainly, not as an
 * error), the shared {@link BillingHub}, and loading again when money moves. Not a widget.
 */
export abstract class BillingElement extends CabinetElement {
  /** The permission the widget's API calls need; any one of a list will do. */
  protected readonly permission: Permission | Permission[] = "finance";

  /** The server said 403 CAB_ERR_FORBIDDEN (the permission was taken away during the session). */
  @state() protected refused = false;

  protected hub: BillingHub | null = null;
  private unsubscribeHub: (() => void) | null = null;
  private readonly settledAnnounced = new Set<string>();
  private strings: { locale: Locale; t: BillingT } | null = null;

  /** The widget's strings in its language: the common ones and billing's. */
  protected get t(): BillingT {
    const locale = this.cabinet.settings.locale;
    if (this.strings?.locale !== locale) this.strings = { locale, t: billingStrings(locale) };
    return this.strings.t;
  }

  /** Loads the widget's data: for a new session (`session`) or because money moved (`change`). */
  protected abstract reload(reason: "session" | "change"): void;

  /** Forgets the widget's data: signed out, or no access. */
  protected abstract clear(): void;

  /** The widget's content once access is granted. */
  protected abstract renderContent(t: BillingT): TemplateResult;

  /** The names of the widget for its `aria-label`, and its signed-out and no-access messages. */
  protected abstract labels(t: BillingT): { title: string; signedOut: string; forbidden: string };

  protected get access(): Access {
    const session = this.cabinet.session.state;
    if (session.status === "restoring") return "restoring";
    if (session.status === "signed-out") return "signed-out";
    const needed = [this.permission].flat();
    const held = session.me.user.permissions;
    return this.refused || !needed.some((p) => held.includes(p)) ? "forbidden" : "granted";
  }

  protected override sessionChanged(state: SessionState, previous: SessionState | null): void {
    if (previous === null) this.attachHub();
    if (state.status === "signed-in") {
      const sameUser = previous?.status === "signed-in" && previous.me.user.id === state.me.user.id;
      if (sameUser) return;
      this.refused = false;
      if (this.access !== "granted") return this.clear();
      this.reload("session");
      this.hub?.checkReturn();
    } else {
      this.refused = false;
      this.clear();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribeHub?.();
    this.unsubscribeHub = null;
  }

  private attachHub(): void {
    this.unsubscribeHub?.();
    this.hub = this.cabinet.context ? billingHub(this.cabinet.context) : null;
    this.unsubscribeHub = this.hub?.subscribe((change) => this.billingChanged(change)) ?? null;
  }

  /** Money moved (a payment settled, an invoice was paid): load again, quietly. */
  protected billingChanged(change: BillingChange): void {
    if (change.kind === "payment-return") this.requestUpdate();
    else if (this.access === "granted") this.reload("change");
  }

  /** Every failed call passes here: a 403 turns the widget into its "no access" message. */
  protected noteFailure(cause: unknown): void {
    if (cause instanceof CabinetApiError && cause.code === "CAB_ERR_FORBIDDEN") {
      this.refused = true;
      this.clear();
    }
  }

  protected emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  /**
   * Announces a payment this widget started (`cab-payment-started`, cancelable) and follows
   * its next step: to the gateway's page, unless the host page called `preventDefault()`.
   * The widget shows the returned step (instructions, "unsupported").
   */
  protected followPayment(payment: Payment): NextStep {
    const proceed = this.dispatchEvent(
      new CustomEvent<PaymentStartedDetail>("cab-payment-started", { detail: { payment }, bubbles: true, composed: true, cancelable: true }),
    );
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

  /** Hands a fetched file (bearer mode, where a plain link would lack the token) to the browser to save. */
  protected saveFile(blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement("a"), { href: url, download: filename, hidden: true });
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // The browser has taken the file; free the memory once it has had a moment.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  protected money(money: Money): string {
    return formatMoney(money, this.cabinet.settings.locale);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.cabinet.settings.locale);
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const lang = this.cabinet.settings.locale;
    const labels = this.labels(t);
    switch (this.access) {
      case "restoring":
        return html`<p class="notice" role="status" lang=${lang}>${t.common.loading}</p>`;
      case "signed-out":
        return html`<p class="notice" part="signed-out" lang=${lang}>${labels.signedOut}</p>`;
      case "forbidden":
        return html`<p class="notice" part="forbidden" role="status" lang=${lang}>${labels.forbidden}</p>`;
      default:
        return html`<section class="wrap" aria-label=${labels.title} lang=${lang}>${this.renderContent(t)}</section>`;
    }
  }
}
