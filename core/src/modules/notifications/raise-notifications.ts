import { inject, injectAll, injectable } from "tsyringe";
import type { ReferencesInScope } from "../../kernel/service-scope.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { afterCommit, inTransaction } from "../../db/transaction.js";
import type { CabinetEvents } from "../../kernel/event-bus.js";
import { newId } from "../../kernel/ids.js";
import { hasPermission } from "../accounts/index.js";
import { AccountDirectory, type OwnedServices, type UserSummary } from "../accounts/index.js";
import { IN_APP, notificationKindByEvent, writeNotification, type NotificationKind } from "./notification-catalogue.js";
import { NotificationChannels, enabledByDefault } from "./notification-channels.js";
import { NotificationRepository } from "./notification.repository.js";
import { NotificationStreamHub } from "./notification-stream-hub.js";
import type { Delivery, Notification } from "./notification.js";

/**
 * Turns a domain event into notifications: one per user of the account who may see it and
 * wants it on some channel, in the user's language, and — in the same transaction — one
 * outbox row per external channel the user wants it on. The worker sends those later; the
 * request that raised the event never waits for a channel.
 *
 * Pass the publisher's transaction to make the notifications commit or roll back with the
 * change itself; without one, they are written in a transaction of their own.
 */
/** A user limited to some services hears only of those (an event about another service is not theirs to see). */
function inScope(user: UserSummary, payload: unknown): boolean {
  const serviceId = (payload as { serviceId?: unknown }).serviceId;
  const services = (payload as { services?: unknown }).services;
  if (Array.isArray(services)) return seenBy(user, payload).length > 0;
  return !user.serviceScope || typeof serviceId !== "string" || user.serviceScope.includes(serviceId);
}

/** Of an event about several services (`services: [{ id, … }]`), those the user may see. */
function seenBy(user: UserSummary, payload: unknown): { id: string }[] {
  const services = (payload as { services: { id: string }[] }).services;
  return user.serviceScope ? services.filter((s) => user.serviceScope!.includes(s.id)) : services;
}

/** The payload as the user may read it: an event about several services names only theirs. */
function asSeenBy(user: UserSummary, payload: unknown): unknown {
  return Array.isArray((payload as { services?: unknown }).services) ? { ...(payload as object), services: seenBy(user, payload) } : payload;
}

@injectable()
export class RaiseNotifications {
  constructor(
    @inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(NotificationChannels) private readonly channels: NotificationChannels,
    @inject(NotificationStreamHub) private readonly hub: NotificationStreamHub,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.OwnedServices) private readonly services: OwnedServices,
    @injectAll(TOKENS.ReferencesInScope) private readonly references: ReferencesInScope[],
  ) {}

  /**
   * Whether a user limited to some services may hear of an event about an invoice or a payment:
   * only when their scope covers it (asked of the owning module, in SQL). A document is told to
   * them not at all: which invoice it is of is not in the event, and acts and statements are the
   * whole account's.
   */
  private async covers(user: UserSummary, payload: unknown, trx: Database): Promise<boolean> {
    if (!user.serviceScope) return true;
    const named = payload as { invoiceId?: unknown; paymentId?: unknown; documentId?: unknown };
    if (typeof named.documentId === "string") return false;
    for (const [type, id] of [
      ["payment", named.paymentId],
      ["invoice", named.invoiceId],
    ] as const) {
      if (typeof id !== "string") continue;
      const kind = this.references.find((r) => r.type === type);
      if (!kind) return false;
      return (
        (await trx
          .select("id")
          .from(kind.ids(trx, user.accountId, user.serviceScope).as("in_scope"))
          .where("id", id)
          .first()) !== undefined
      );
    }
    return true;
  }

  /**
   * `onlyUserId` narrows the audience to one user (security events are that user's alone).
   * Returns the notifications written (none for an event no notification kind maps).
   */
  async execute<K extends keyof CabinetEvents>(
    event: K,
    payload: CabinetEvents[K],
    options: { accountId: string; onlyUserId?: string; trx?: Database },
  ): Promise<Notification[]> {
    const kind = notificationKindByEvent.get(event);
    if (!kind || (kind.raises && !kind.raises(payload as never))) return [];
    const write = async (trx: Database) => {
      const users: UserSummary[] = [];
      for (const user of await this.accounts.activeUsers(options.accountId, trx)) {
        if (this.mayReceive(user, kind.audience, options.onlyUserId) && inScope(user, payload) && (await this.covers(user, payload, trx))) users.push(user);
      }
      const subject = kind.subject(payload as never);
      const already = subject.dedupeKey
        ? await this.notifications.existingDedupeKeys(
            users.map((u) => u.id),
            [subject.dedupeKey],
            trx,
          )
        : new Set<string>();
      const recipients = users.filter((u) => !already.has(`${u.id} ${subject.dedupeKey}`));
      const choices = await this.notifications.preferences(
        recipients.map((u) => u.id),
        [event],
        trx,
      );
      const wants = (user: UserSummary, channel: string) =>
        kind.mandatoryEmail ? channel === "email" : (choices.get(`${user.id} ${event} ${channel}`) ?? enabledByDefault(kind, channel));
      // The service the event is about, by the name its client knows it by.
      const serviceId = (payload as { serviceId?: unknown }).serviceId;
      const names =
        typeof serviceId === "string" && recipients.length ? { service: (await this.services.names(options.accountId, [serviceId], trx)).get(serviceId) } : {};
      const now = this.clock.now();
      const notifications: Notification[] = [];
      const deliveries: Delivery[] = [];
      for (const user of recipients) {
        const external = this.channels.external().filter((c) => wants(user, c.id));
        const inApp = wants(user, IN_APP);
        if (!inApp && external.length === 0) continue;
        const text = writeNotification(kind, asSeenBy(user, payload), user.locale, names);
        const notification: Notification = {
          id: newId("ntf", now),
          brandId: user.brandId,
          accountId: user.accountId,
          userId: user.id,
          event,
          title: text.title.slice(0, 200),
          body: text.body,
          link: subject.link,
          reference: subject.reference,
          inApp,
          dedupeKey: subject.dedupeKey,
          recipientEmail: kind.recipientEmail ? kind.recipientEmail(payload as never) : null,
          readAt: null,
          createdAt: now,
          // Kept for the centre, which shows it in the reader's language of the day; never for
          // what goes by e-mail only (a reset link has no business in the centre's table).
          source: inApp && !kind.mandatoryEmail ? { payload, names } : null,
        };
        notifications.push(notification);
        for (const channel of external) {
          deliveries.push({
            id: newId("ndl", now),
            notificationId: notification.id,
            channel: channel.id,
            status: "pending",
            attempts: 0,
            nextAttemptAt: now,
            leaseToken: null,
            lastError: null,
            externalId: null,
            deliveredAt: null,
            createdAt: now,
          });
        }
      }
      await this.notifications.insert(notifications, deliveries, trx);
      const shown = notifications.filter((n) => n.inApp).map((n) => n.userId);
      if (shown.length > 0) afterCommit(trx, () => this.hub.announce(shown));
      return notifications;
    };
    return options.trx ? write(options.trx) : inTransaction(this.db, write);
  }

  private mayReceive(user: UserSummary, audience: NotificationKind["audience"], onlyUserId?: string): boolean {
    if (onlyUserId !== undefined && user.id !== onlyUserId) return false;
    if (audience === "the-user") return onlyUserId !== undefined;
    return audience.permissions.some((p) => hasPermission(user, p));
  }
}
