/**
 * Delivers one notification to one user over one channel (e-mail, Telegram, a webhook…).
 * Delivery runs outside the request, from the core's outbox; a `retryable` failure is tried
 * again with back-off, a non-retryable one is given up. Delivery is at least once: a core
 * that stops between your answer and recording it sends again with the same `deliveryId`,
 * so a channel that must not send twice remembers the ids it has delivered (or passes the
 * id on as an idempotency key: a webhook header, an e-mail's Message-ID).
 *
 * @example
 * const channel: NotificationChannel = {
 *   id: "email",
 *   async deliver(n) { await smtp.send(n.recipient.email, n.title, n.body); return { status: "delivered" }; },
 * };
 */
export interface NotificationChannel {
  readonly id: string;
  /** Its name in the notification preferences, by language code (`{ en: "Slack", ru: "Slack" }`); without one, its id. */
  readonly displayNames?: Readonly<Record<string, string>>;
  deliver(notification: {
    notificationId: string;
    /** This notification's delivery over this channel: the same on every attempt — the idempotency handle. */
    deliveryId: string;
    /** 1 on the first attempt. */
    attempt: number;
    brandId: string;
    event: string;
    recipient: { userId: string; email: string; locale: string; address?: string };
    title: string;
    body: string;
    link?: string;
    /** What the notification is about (`{ type: "ticket", id: "tkt_…" }`), so a channel can route a reply back. */
    reference?: { type: string; id: string };
  }): Promise<{ status: "delivered"; externalId?: string } | { status: "failed"; reason: string; retryable: boolean }>;
}
