import { createHmac, timingSafeEqual } from "node:crypto";
import { definePlugin, type PaymentGateway, type PaymentStart } from "../../src/index.js";

/**
 * A payment gateway for tests, as a real plugin: webhooks are JSON signed with HMAC-SHA256 in
 * `x-test-signature`; what `startPayment` and `fetchStatus` answer is set by the test.
 */
export class TestGateway implements PaymentGateway {
  readonly id = "testpay";
  readonly displayName = "Test pay";
  readonly secret = "test-gateway-secret";
  nextStart: "redirect" | "refused" | "throw" = "redirect";
  status = new Map<string, "pending" | "succeeded" | "failed">();
  started: Parameters<PaymentGateway["startPayment"]>[0][] = [];
  /** What `refund` answers next: a refund, a refusal, or a fault (it throws). */
  nextRefund: "refunded" | "failed" | "throw" = "refunded";
  refundRequests: Parameters<NonNullable<PaymentGateway["refund"]>>[0][] = [];
  /** Runs when a refund is asked for, before it is answered: lets a test look at the core's state mid-call. */
  onRefund?: (request: Parameters<NonNullable<PaymentGateway["refund"]>>[0]) => Promise<void>;

  async startPayment(p: Parameters<PaymentGateway["startPayment"]>[0]): Promise<PaymentStart> {
    this.started.push(p);
    if (this.nextStart === "throw") throw new Error("gateway timed out");
    if (this.nextStart === "refused") return { kind: "refused", reason: "amount below the gateway's minimum" };
    this.status.set(`ref_${p.paymentId}`, "pending");
    return { kind: "redirect", url: `https://pay.test/${p.paymentId}`, gatewayReference: `ref_${p.paymentId}` };
  }

  async parseWebhook({ headers, rawBody }: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer }) {
    const given = Buffer.from(String(headers["x-test-signature"] ?? ""));
    const expected = Buffer.from(this.sign(rawBody.toString()));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: "rejected" as const, reason: "bad signature" };
    const event = JSON.parse(rawBody.toString()) as {
      id: string;
      paymentId: string;
      result: "succeeded" | "failed" | "refunded";
      amount?: { amount: number; currency: string };
    };
    return { status: "event" as const, eventId: event.id, paymentId: event.paymentId, result: event.result, amount: event.amount };
  }

  async fetchStatus(reference: string) {
    return { result: this.status.get(reference) ?? ("pending" as const) };
  }

  /** References the core asked to cancel (an expired payment). */
  cancelled: string[] = [];
  async cancelPayment(reference: string) {
    this.cancelled.push(reference);
  }

  async refund(request: Parameters<NonNullable<PaymentGateway["refund"]>>[0]) {
    this.refundRequests.push(request);
    await this.onRefund?.(request);
    if (this.nextRefund === "throw") throw new Error("gateway timed out");
    if (this.nextRefund === "failed") return { status: "failed" as const, reason: "the card's account is closed" };
    return { status: "refunded" as const, gatewayReference: `re_${request.refundId}` };
  }

  sign(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("hex");
  }
}

export function testGatewayPlugin(gateway: TestGateway) {
  return definePlugin({
    name: "payment-testpay",
    version: "1.0.0",
    coreRange: "^0.1.0",
    register: ({ provide }) => provide("payment-gateway", gateway),
  });
}
