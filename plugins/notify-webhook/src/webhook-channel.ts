import { Agent as HttpAgent, request as httpRequest, type AgentOptions } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { NotificationChannel } from "@cabinet/core";
import { InternalAddressError, isInternalAddress, isLocalName, literalAddress, publicOnlyLookup } from "./address-guard.js";
import { signWebhook, webhookHeaders } from "./webhook-signature.js";
import type { WebhookEndpoint, WebhookStore } from "./webhook-store.js";

type Notification = Parameters<NotificationChannel["deliver"]>[0];
type Outcome = Awaited<ReturnType<NotificationChannel["deliver"]>>;
type Failure = Extract<Outcome, { status: "failed" }>;

/**
 * The `webhook` notification channel: a signed JSON POST of the notification to the endpoint
 * the recipient's account set (the notifications addressed to its owner, who gets every event)
 * and to the provider's endpoint from the options. 2xx delivers; 429, 5xx, a time-out or no
 * connection are retried; any other answer is final.
 */
export class WebhookChannel implements NotificationChannel {
  readonly id = "webhook";
  /**
   * The agents of an account's endpoints: their `lookup` refuses a name that resolves inside the
   * provider's network, on the address actually connected to (no check-then-re-resolve). Pools
   * of their own, so a connection opened for the provider's endpoint is never reused for one.
   */
  private readonly guardedAgents = {
    "http:": new HttpAgent({ lookup: publicOnlyLookup } as AgentOptions),
    "https:": new HttpsAgent({ lookup: publicOnlyLookup } as AgentOptions),
  };

  constructor(
    private readonly store: WebhookStore,
    private readonly settings: { providerEndpoint?: WebhookEndpoint; timeoutMs: number; allowInternal: boolean; nowSeconds: () => number },
  ) {}

  async deliver(notification: Notification): Promise<Outcome> {
    const account = await this.store.ofOwner(notification.recipient.userId);
    // The provider's endpoint is its own choice, inside its network or not; an account's is guarded.
    const targets = [
      ...(account ? [{ endpoint: account, guarded: !this.settings.allowInternal }] : []),
      ...(this.settings.providerEndpoint ? [{ endpoint: this.settings.providerEndpoint, guarded: false }] : []),
    ];
    if (!targets.length) return { status: "failed", reason: "no webhook endpoint", retryable: false };
    const body = JSON.stringify({
      id: notification.notificationId,
      event: notification.event,
      brandId: notification.brandId,
      recipient: { userId: notification.recipient.userId, email: notification.recipient.email },
      title: notification.title,
      body: notification.body,
      link: notification.link ?? null,
      reference: notification.reference ?? null,
    });
    // Each endpoint is posted to even when another failed; a retry posts to all again, with the
    // same Cabinet-Webhook-Id, by which a receiver drops what it already has.
    const failures = (await Promise.all(targets.map((target) => this.post(target.endpoint, target.guarded, notification.notificationId, body)))).filter(
      (f): f is Failure => f !== null,
    );
    if (!failures.length) return { status: "delivered" };
    return { status: "failed", reason: failures.map((f) => f.reason).join("; "), retryable: failures.some((f) => f.retryable) };
  }

  /** One signed POST; null when the endpoint took it. */
  private post(endpoint: WebhookEndpoint, guarded: boolean, notificationId: string, body: string): Promise<Failure | null> {
    const url = new URL(endpoint.url);
    const literal = literalAddress(url.hostname);
    // An IP literal is connected to without a lookup: judged here (IPv6 forms carrying IPv4 too).
    if (guarded && ((literal && isInternalAddress(literal)) || isLocalName(url.hostname))) {
      return Promise.resolve({ status: "failed", reason: `${url.host} is an internal address`, retryable: false });
    }
    const timestamp = this.settings.nowSeconds();
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = send(
        url,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "user-agent": "Cabinet-Webhooks/0.1",
            [webhookHeaders.id]: notificationId,
            [webhookHeaders.timestamp]: String(timestamp),
            [webhookHeaders.signature]: signWebhook(endpoint.secret, timestamp, body),
          },
          agent: guarded ? this.guardedAgents[url.protocol as "http:" | "https:"] : undefined,
          signal: AbortSignal.timeout(this.settings.timeoutMs),
        },
        (res) => {
          res.resume(); // the answer's body is not read, only drained
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(null);
          resolve({ status: "failed", reason: `${url.host} answered ${status}`, retryable: status === 429 || status >= 500 });
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (error instanceof InternalAddressError || error.cause instanceof InternalAddressError) {
          return resolve({ status: "failed", reason: error.message, retryable: false });
        }
        const reason =
          error.name === "AbortError" || error.name === "TimeoutError"
            ? `${url.host} did not answer in ${this.settings.timeoutMs} ms`
            : `${url.host}: ${error.code ?? error.message}`;
        resolve({ status: "failed", reason, retryable: true });
      });
      req.end(body);
    });
  }
}
