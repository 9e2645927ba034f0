/**
 * Delivers one notification to one user over one channel (e-mail, Telegram, a webhook…).
 * Delivery runs outside the request; a `retryable` failure is tried again with back-off.
 *
 * @example
 * const channel: NotificationChannel = {
 *   id: "email",
 *   async deliver(n) { await smtp.send(n.recipient.email, n.title, n.body); return { status: "delivered" }; },
 * };
 */
export interface NotificationChannel {
  readonly id: string;
  deliver(notification: {
    notificationId: string;
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
