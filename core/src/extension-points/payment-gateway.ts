import type { Money } from "./money.js";

/**
 * What the client must do to pay: go to the gateway's page, or follow instructions. (An
 * in-page "client secret" flow is not offered: no widget could draw the gateway's form.)
 */
export type PaymentStart =
  | { kind: "redirect"; url: string; gatewayReference: string }
  | { kind: "instructions"; text: string; details: Record<string, string>; gatewayReference: string }
  /** The gateway will not take this payment (amount below its minimum, currency it does not support…): not retried. */
  | { kind: "refused"; reason: string };

/** A verified webhook, reduced to what the core needs to settle a payment at most once. */
export type WebhookOutcome =
  | {
      status: "event";
      eventId: string;
      paymentId: string;
      result: "succeeded" | "failed" | "refunded";
      /** For `succeeded`: what actually arrived; for `refunded`: the amount refunded so far. */
      amount?: Money;
      gatewayReference?: string;
    }
  | { status: "ignored"; eventId?: string; reason: string }
  | { status: "rejected"; reason: string };

/**
 * A payment gateway. The core mints the payment id and stores the payment as `pending`
 * *before* calling `startPayment`, so every call can be retried and traced by that id; a
 * retried start sends the same parameters. Expected outcomes are results; throw only for
 * faults (network, time-out), which the core may retry.
 *
 * @example
 * const gateway: PaymentGateway = {
 *   id: "sandbox",
 *   displayName: "Test card",
 *   displayNames: { ru: "Тестовая карта" },
 *   async startPayment(p) { return { kind: "redirect", url: `/pay/${p.paymentId}`, gatewayReference: p.paymentId }; },
 *   async parseWebhook({ headers, rawBody }) { return verifyAndParse(headers, rawBody); },
 *   async fetchStatus(ref) { return { result: "pending" }; },
 * };
 */
export interface PaymentGateway {
  readonly id: string;
  /** The name clients choose this payment method by (English, and any language `displayNames` lacks). */
  readonly displayName: string;
  /**
   * The name in other languages, by language code (`ru`, `de`…): the payment method's name in a
   * client's language — in the list of payment methods and in the ledger's "Top-up via …".
   */
  readonly displayNames?: Readonly<Record<string, string>>;
  startPayment(payment: {
    paymentId: string;
    brandId: string;
    accountId: string;
    amount: Money;
    description: string;
    /** Where the client comes back after paying. */
    returnUrl: string;
    /** Where the client comes back after giving up on the gateway's page. */
    cancelUrl: string;
    customerEmail?: string;
    /** The client's language (`en`, `ru`: the user's, else the account's), for the gateway's own page. */
    locale?: string;
  }): Promise<PaymentStart>;
  /** Verifies the signature over the raw body; never trusts an unverified field. */
  parseWebhook(request: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer }): Promise<WebhookOutcome>;
  /** Asks the gateway itself, for a client returning from its page (the query string is not trusted). */
  fetchStatus(gatewayReference: string): Promise<{ result: "pending" | "succeeded" | "failed"; amount?: Money }>;
  /** Stops a pending payment from being paid later (the core gave up on it). */
  cancelPayment?(gatewayReference: string): Promise<void>;
  refund?(request: {
    paymentId: string;
    gatewayReference: string;
    amount: Money;
    refundId: string;
  }): Promise<{ status: "refunded"; gatewayReference: string } | { status: "failed"; reason: string }>;
}
