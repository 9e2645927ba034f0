import { randomUUID } from "node:crypto";
import type { PaymentGateway, PaymentStart, WebhookOutcome } from "@cabinet/core";
import type { Checkout, CheckoutStore } from "./checkout-store.js";
import { signWebhook, verifyWebhook } from "./webhook-signature.js";

export interface SandboxEvent {
  id: string;
  type: "checkout.succeeded" | "checkout.declined" | "checkout.refunded";
  checkoutId: string;
  paymentId: string;
  amount: { amount: number; currency: string };
}

interface Log {
  warn(details: object, message: string): void;
}

/**
 * A payment gateway that behaves like a real hosted one, without a bank: `startPayment`
 * opens a checkout on the sandbox's own page, the page takes a test card, and the outcome
 * reaches the core as a signed webhook, exactly the path a real gateway's payments take.
 *
 * @example
 * const gateway = new SandboxGateway(store, { webhookSecret, publicUrl: () => "https://my.example.com" }, logger);
 * const start = await gateway.startPayment({ paymentId, amount: { amount: 2500, currency: "USD" }, … });
 * // start.url → https://my.example.com/plugins/payment-sandbox/checkout/sbx_…
 */
export class SandboxGateway implements PaymentGateway {
  readonly id = "sandbox";
  readonly displayName = "Test card (sandbox)";
  readonly displayNames = { ru: "Тестовая карта (песочница)" };

  constructor(
    private readonly store: CheckoutStore,
    private readonly options: { webhookSecret: string; publicUrl: () => string },
    private readonly log: Log,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  checkoutUrl(checkoutId: string): string {
    return `${this.options.publicUrl()}/plugins/payment-sandbox/checkout/${checkoutId}`;
  }

  async startPayment(p: Parameters<PaymentGateway["startPayment"]>[0]): Promise<PaymentStart> {
    const checkout = await this.store.open({
      paymentId: p.paymentId,
      amount: p.amount.amount,
      currency: p.amount.currency,
      description: p.description,
      returnUrl: p.returnUrl,
      cancelUrl: p.cancelUrl,
    });
    return { kind: "redirect", url: this.checkoutUrl(checkout.id), gatewayReference: checkout.id };
  }

  async parseWebhook({ headers, rawBody }: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer }): Promise<WebhookOutcome> {
    const header = headers["sandbox-signature"];
    const body = rawBody.toString("utf8");
    const check = verifyWebhook(Array.isArray(header) ? header[0] : header, body, this.options.webhookSecret, this.nowSeconds());
    if (!check.valid) return { status: "rejected", reason: check.reason };
    let event: SandboxEvent;
    try {
      event = JSON.parse(body) as SandboxEvent;
    } catch {
      return { status: "rejected", reason: "body is not JSON" };
    }
    const result = ({ "checkout.succeeded": "succeeded", "checkout.declined": "failed", "checkout.refunded": "refunded" } as const)[event.type];
    if (!result) return { status: "ignored", eventId: event.id, reason: `event type ${event.type}` };
    return { status: "event", eventId: event.id, paymentId: event.paymentId, result, amount: event.amount, gatewayReference: event.checkoutId };
  }

  async fetchStatus(gatewayReference: string) {
    const checkout = await this.store.find(gatewayReference);
    const amount = checkout && { amount: checkout.amount, currency: checkout.currency };
    if (checkout?.status === "succeeded") return { result: "succeeded" as const, amount };
    if (checkout?.status === "declined" || checkout?.status === "canceled") return { result: "failed" as const };
    return { result: "pending" as const };
  }

  async cancelPayment(gatewayReference: string): Promise<void> {
    await this.store.move(gatewayReference, ["open", "awaiting_confirmation"], "canceled");
  }

  async refund(request: { paymentId: string; gatewayReference: string; amount: { amount: number; currency: string }; refundId: string }) {
    const checkout = await this.store.find(request.gatewayReference);
    if (!checkout || checkout.paymentId !== request.paymentId || checkout.status !== "succeeded")
      return { status: "failed" as const, reason: "no paid checkout for this payment" };
    if (request.amount.currency !== checkout.currency) return { status: "failed" as const, reason: "currency differs from the payment's" };
    if (request.amount.amount > checkout.amount - checkout.refundedAmount) return { status: "failed" as const, reason: "more than is left to refund" };
    if (!(await this.store.addRefund(checkout.id, checkout.refundedAmount, request.amount.amount)))
      return { status: "failed" as const, reason: "refunded concurrently; try again" };
    return { status: "refunded" as const, gatewayReference: `sbr_${request.refundId}` };
  }

  /**
   * Tells the core what happened, as a real gateway's servers would: a signed POST to its
   * webhook endpoint. A failed delivery is only logged: the client's return to the core asks
   * `fetchStatus`, which reads the same checkout.
   */
  async notify(checkout: Checkout, type: SandboxEvent["type"]): Promise<void> {
    const event: SandboxEvent = {
      id: `sbe_${randomUUID()}`,
      type,
      checkoutId: checkout.id,
      paymentId: checkout.paymentId,
      amount: { amount: checkout.amount, currency: checkout.currency },
    };
    const body = JSON.stringify(event);
    try {
      const response = await fetch(`${this.options.publicUrl()}/api/v1/webhooks/sandbox`, {
        method: "POST",
        headers: { "content-type": "application/json", "sandbox-signature": signWebhook(body, this.options.webhookSecret, this.nowSeconds()) },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) this.log.warn({ status: response.status, checkoutId: checkout.id }, "sandbox webhook refused");
    } catch (error) {
      this.log.warn({ err: error, checkoutId: checkout.id }, "sandbox webhook not delivered");
    }
  }
}
