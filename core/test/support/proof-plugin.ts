import { createHmac, timingSafeEqual } from "node:crypto";
import { Redis } from "ioredis";
import { definePlugin, type NotificationChannel, type PaymentGateway, type PaymentStart } from "../../src/index.js";

/** The proof's webhook secret: the test signs the settle webhooks it sends with it. */
export const PROOF_SECRET = "proof-gateway-secret-0123456789";
export const signProof = (body: string) => createHmac("sha256", PROOF_SECRET).update(body).digest("hex");

/**
 * What the three-node proof's `cabinet serve` children load besides the real plugins: a
 * payment gateway whose webhooks the test signs (`proofpay`), and a notification channel
 * (`proof`) that counts each delivery id in Redis, so the test can check every notification
 * went out at least once whichever node sent it.
 */
export default definePlugin({
  name: "proof",
  version: "1.0.0",
  coreRange: "*",
  register({ provide, config }) {
    const gateway: PaymentGateway = {
      id: "proofpay",
      displayName: "Proof pay",
      async startPayment(p): Promise<PaymentStart> {
        return { kind: "redirect", url: `https://pay.test/${p.paymentId}`, gatewayReference: `ref_${p.paymentId}` };
      },
      async parseWebhook({ headers, rawBody }) {
        const given = Buffer.from(String(headers["x-proof-signature"] ?? ""));
        const expected = Buffer.from(signProof(rawBody.toString()));
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: "rejected", reason: "bad signature" };
        const event = JSON.parse(rawBody.toString()) as {
          id: string;
          paymentId: string;
          result: "succeeded" | "failed";
          amount: { amount: number; currency: string };
        };
        return { status: "event", eventId: event.id, paymentId: event.paymentId, result: event.result, amount: event.amount };
      },
      async fetchStatus() {
        return { result: "pending" };
      },
    };
    provide("payment-gateway", gateway);

    const redis = new Redis(config.redis.url!, { lazyConnect: true });
    const channel: NotificationChannel = {
      id: "proof",
      async deliver({ deliveryId }) {
        await redis.incr(`${config.redis.keyPrefix}proof:delivered:${deliveryId}`);
        return { status: "delivered", externalId: deliveryId };
      },
    };
    provide("notification-channel", channel);
  },
});
