import { Type, type Money, type PaymentGateway, type PaymentStart, type Static, type WebhookOutcome } from "@cabinet/core";
import Stripe from "stripe";

/**
 * The plugin's options. `apiHost`, `apiPort` and `apiProtocol` exist so a test (or a
 * stripe-mock) can stand in for Stripe's API; production leaves them unset.
 *
 * @example
 * { "secretKey": "sk_live_…", "webhookSecret": "whsec_…", "timeoutMs": 10000 }
 */
export const stripeOptionsSchema = Type.Object(
  {
    secretKey: Type.String({ pattern: "^sk_", minLength: 8, maxLength: 500, description: "Secret API key (sk_live_… or sk_test_…)" }),
    webhookSecret: Type.String({ pattern: "^whsec_", minLength: 8, maxLength: 500, description: "Signing secret of the webhook endpoint" }),
    apiHost: Type.Optional(Type.String({ minLength: 1, maxLength: 253, description: "Default: Stripe's API host" })),
    apiPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
    // An enum rather than a union of literals, so a bad value is reported as "one of the allowed values".
    apiProtocol: Type.Optional(Type.Unsafe<"https" | "http">({ type: "string", enum: ["https", "http"] })),
    timeoutMs: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000, description: "Per request, per attempt" }),
  },
  { additionalProperties: false },
);

export type StripeGatewayOptions = Static<typeof stripeOptionsSchema>;

/** Webhooks older than this are refused, so a captured request cannot be replayed later. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

type RefundResult = Awaited<ReturnType<NonNullable<PaymentGateway["refund"]>>>;

/**
 * A {@link PaymentGateway} that sends the client to a Stripe Checkout Session.
 *
 * The payment's outcome arrives by webhook (`parseWebhook`) or is asked for when the client
 * comes back (`fetchStatus`); the return URL's query string is never trusted.
 *
 * @example
 * const gateway = new StripeGateway({ secretKey: "sk_test_…", webhookSecret: "whsec_…", timeoutMs: 10_000 });
 * const start = await gateway.startPayment({
 *   paymentId: "pay_01jd…", accountId: "acc_01jd…", amount: { amount: 1999, currency: "EUR" },
 *   description: "VPS S, one month", returnUrl: "https://my.example.com/billing/pay_01jd…",
 * });
 * // start: { kind: "redirect", url: "https://checkout.stripe.com/c/pay/cs_…", gatewayReference: "cs_…" }
 */
export class StripeGateway implements PaymentGateway {
  readonly id = "stripe";
  readonly displayName = "Card (Stripe)";
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeGatewayOptions) {
    this.stripe = new Stripe(options.secretKey, {
      // Without a bound, a stalled connection would hold the client's request for 80 s (the SDK default).
      timeout: options.timeoutMs,
      // One retry rides out a dropped connection; our idempotency keys make it safe. More would
      // multiply the time a client waits; the core retries later instead.
      maxNetworkRetries: 1,
      host: options.apiHost,
      port: options.apiPort,
      protocol: options.apiProtocol,
      appInfo: { name: "Cabinet payment-stripe", version: "0.1.0" },
    });
  }

  async startPayment(payment: Parameters<PaymentGateway["startPayment"]>[0]): Promise<PaymentStart> {
    const metadata = { payment_id: payment.paymentId, account_id: payment.accountId };
    let session: Stripe.Checkout.Session;
    try {
      session = await this.stripe.checkout.sessions.create(
        {
          mode: "payment",
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: payment.amount.currency.toLowerCase(),
                unit_amount: payment.amount.amount,
                // Stripe refuses an empty product name.
                product_data: { name: payment.description.trim() || payment.paymentId },
              },
            },
          ],
          client_reference_id: payment.paymentId,
          metadata,
          // Copied onto the PaymentIntent (and from there its charges), so `charge.refunded`,
          // which carries no session, can still be traced to the payment.
          payment_intent_data: { metadata },
          success_url: payment.returnUrl,
          cancel_url: payment.cancelUrl,
          ...(payment.customerEmail ? { customer_email: payment.customerEmail } : {}),
          ...(payment.locale ? { locale: payment.locale as Stripe.Checkout.SessionCreateParams.Locale } : {}),
        },
        // The core retries a start with the same payment id; Stripe then answers with the
        // session it already made instead of opening a second one the client could also pay.
        { idempotencyKey: `cabinet-checkout-${payment.paymentId}` },
      );
    } catch (error) {
      // Stripe said no to this payment (an amount below its minimum, a currency it does not
      // take): a refusal, not a fault, so the core does not retry it.
      if (error instanceof Stripe.errors.StripeInvalidRequestError) return { kind: "refused", reason: error.message };
      throw error;
    }
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
    return { kind: "redirect", url: session.url, gatewayReference: session.id };
  }

  async parseWebhook({ headers, rawBody }: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer }): Promise<WebhookOutcome> {
    const signature = header(headers, "stripe-signature");
    if (signature === undefined) return { status: "rejected", reason: "missing Stripe-Signature header" };
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.options.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      // Anything that fails here is the sender's problem, never a fault of ours: answer, don't throw.
      return { status: "rejected", reason: `signature verification failed: ${(error as Error).message}` };
    }

    switch (event.type) {
      case "checkout.session.completed":
        if (event.data.object.payment_status !== "paid") {
          // Delayed methods (SEPA, bank transfer) complete unpaid; async_payment_* settles them.
          return { status: "ignored", eventId: event.id, reason: `checkout session completed with payment_status ${event.data.object.payment_status}` };
        }
        return sessionOutcome(event.id, event.data.object, "succeeded");
      case "checkout.session.async_payment_succeeded":
        return sessionOutcome(event.id, event.data.object, "succeeded");
      case "checkout.session.async_payment_failed":
      case "checkout.session.expired":
        return sessionOutcome(event.id, event.data.object, "failed");
      case "charge.refunded": {
        const charge = event.data.object;
        const paymentId = charge.metadata?.payment_id;
        if (!paymentId) return { status: "ignored", eventId: event.id, reason: "charge carries no payment_id metadata" };
        // amount_refunded is the charge's running total, not this refund's share.
        return { status: "event", eventId: event.id, paymentId, result: "refunded", amount: money(charge.amount_refunded, charge.currency) };
      }
      default:
        return { status: "ignored", eventId: event.id, reason: `event type ${event.type} is not handled` };
    }
  }

  async fetchStatus(gatewayReference: string): Promise<{ result: "pending" | "succeeded" | "failed"; amount?: Money }> {
    const session = await this.stripe.checkout.sessions.retrieve(gatewayReference);
    if (session.payment_status === "paid") return { result: "succeeded", ...amountOf(session) };
    if (session.status === "expired") return { result: "failed" };
    return { result: "pending" };
  }

  async refund(request: { paymentId: string; gatewayReference: string; amount: Money; refundId: string }): Promise<RefundResult> {
    try {
      const session = await this.stripe.checkout.sessions.retrieve(request.gatewayReference);
      if (session.metadata?.payment_id !== request.paymentId) {
        return { status: "failed", reason: `checkout session ${session.id} does not belong to payment ${request.paymentId}` };
      }
      const paymentIntent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
      if (session.payment_status !== "paid" || !paymentIntent) {
        return { status: "failed", reason: `checkout session ${session.id} has no settled payment to refund` };
      }
      if (session.currency && session.currency.toUpperCase() !== request.amount.currency) {
        // Stripe refunds in the charge's currency whatever we ask; refuse rather than refund another sum.
        return { status: "failed", reason: `refund in ${request.amount.currency} of a payment in ${session.currency.toUpperCase()}` };
      }
      // The core retries with the same refund id; Stripe then replays the first answer instead of refunding twice.
      const refund = await this.stripe.refunds.create({ payment_intent: paymentIntent, amount: request.amount.amount }, { idempotencyKey: request.refundId });
      if (refund.status === "failed" || refund.status === "canceled") {
        return { status: "failed", reason: `Stripe refund ${refund.id} is ${refund.status}${refund.failure_reason ? `: ${refund.failure_reason}` : ""}` };
      }
      return { status: "refunded", gatewayReference: refund.id };
    } catch (error) {
      if (isCallersError(error)) return { status: "failed", reason: (error as Error).message };
      throw error;
    }
  }
}

/**
 * Errors a retry cannot cure: the request itself is wrong (already refunded, amount too large,
 * unknown session) or reuses a refund id with other parameters. Network faults, rate limits,
 * 5xx and authentication errors are thrown so the core retries or alerts.
 */
function isCallersError(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeIdempotencyError ||
    error instanceof Stripe.errors.StripeCardError
  );
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  // A host may hand over headers as Node gives them (lower case) or as it received them.
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value === "" ? undefined : value;
}

function sessionOutcome(eventId: string, session: Stripe.Checkout.Session, result: "succeeded" | "failed"): WebhookOutcome {
  const paymentId = session.metadata?.payment_id;
  if (!paymentId) return { status: "ignored", eventId, reason: "checkout session carries no payment_id metadata" };
  return { status: "event", eventId, paymentId, result, ...amountOf(session) };
}

function amountOf(session: Stripe.Checkout.Session): { amount?: Money } {
  return session.amount_total !== null && session.currency ? { amount: money(session.amount_total, session.currency) } : {};
}

function money(amount: number, currency: string): Money {
  return { amount, currency: currency.toUpperCase() };
}
