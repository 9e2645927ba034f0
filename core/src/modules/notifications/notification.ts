/** A stored notification of one user. */
export interface Notification {
  id: string;
  brandId: string;
  accountId: string;
  userId: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  reference: { type: string; id: string } | null;
  inApp: boolean;
  dedupeKey: string | null;
  /** Where e-mail goes when not to the user's own address (the new address of an e-mail change); null otherwise. */
  recipientEmail: string | null;
  readAt: number | null;
  createdAt: number;
  /**
   * What an in-app notification was made from, to write it out again in the reader's language
   * when it is read (`title`/`body` are the text it was sent with); null for the others and for
   * notifications from before it was kept.
   */
  source: NotificationSource | null;
}

/** The event's payload and the names the text used (the service's, as its client knows it). */
export interface NotificationSource {
  payload: unknown;
  names?: { service?: string };
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One notification's delivery over one external channel: a row of the outbox. */
export interface Delivery {
  id: string;
  notificationId: string;
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  leaseToken: string | null;
  lastError: string | null;
  externalId: string | null;
  deliveredAt: number | null;
  createdAt: number;
}

/** A delivery a worker holds: `leaseToken` proves the claim when it marks the outcome. */
export type ClaimedDelivery = Delivery & { leaseToken: string; notification: Notification };
