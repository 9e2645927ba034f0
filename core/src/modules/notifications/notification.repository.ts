import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import type { ClaimedDelivery, Delivery, Notification, NotificationSource } from "./notification.js";

interface NotificationRow {
  id: string;
  brand_id: string;
  account_id: string;
  user_id: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  reference_type: string | null;
  reference_id: string | null;
  in_app: number | boolean;
  dedupe_key: string | null;
  recipient_email?: string | null;
  read_at: number | null;
  created_at: number;
  source?: string | null;
}

interface DeliveryRow {
  id: string;
  notification_id: string;
  channel: string;
  status: Delivery["status"];
  attempts: number;
  next_attempt_at: number;
  lease_token: string | null;
  last_error: string | null;
  external_id: string | null;
  delivered_at: number | null;
  created_at: number;
}

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  userId: r.user_id,
  event: r.event,
  title: r.title,
  body: r.body,
  link: r.link,
  reference: r.reference_type && r.reference_id ? { type: r.reference_type, id: r.reference_id } : null,
  inApp: Boolean(r.in_app),
  dedupeKey: r.dedupe_key,
  recipientEmail: r.recipient_email ?? null,
  readAt: r.read_at === null ? null : Number(r.read_at),
  createdAt: Number(r.created_at),
  source: fromJson<NotificationSource | null>(r.source, null),
});

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  notificationId: r.notification_id,
  channel: r.channel,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_attempt_at),
  leaseToken: r.lease_token,
  lastError: r.last_error,
  externalId: r.external_id,
  deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
  createdAt: Number(r.created_at),
});

const notificationRow = (n: Notification): NotificationRow => ({
  id: n.id,
  brand_id: n.brandId,
  account_id: n.accountId,
  user_id: n.userId,
  event: n.event,
  title: n.title,
  body: n.body,
  link: n.link,
  reference_type: n.reference?.type ?? null,
  reference_id: n.reference?.id ?? null,
  in_app: n.inApp,
  dedupe_key: n.dedupeKey,
  recipient_email: n.recipientEmail,
  read_at: n.readAt,
  created_at: n.createdAt,
  source: n.source ? toJson(n.source) : null,
});

/** The notifications module's tables; only this module reads or writes them. */
@injectable()
export class NotificationRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  /** The dedupe keys among `keys` that `userIds` already have a notification for. */
  async existingDedupeKeys(userIds: string[], keys: string[], trx: Database = this.db): Promise<Set<string>> {
    if (userIds.length === 0 || keys.length === 0) return new Set();
    const rows = await trx<NotificationRow>("notifications").whereIn("user_id", userIds).whereIn("dedupe_key", keys).select("user_id", "dedupe_key");
    return new Set(rows.map((r) => `${r.user_id} ${r.dedupe_key}`));
  }

  async insert(notifications: Notification[], deliveries: Delivery[], trx: Database): Promise<void> {
    if (notifications.length > 0) await trx("notifications").insert(notifications.map(notificationRow));
    if (deliveries.length > 0) {
      await trx("notification_deliveries").insert(
        deliveries.map((d) => ({
          id: d.id,
          notification_id: d.notificationId,
          channel: d.channel,
          status: d.status,
          attempts: d.attempts,
          next_attempt_at: d.nextAttemptAt,
          lease_token: d.leaseToken,
          last_error: d.lastError,
          external_id: d.externalId,
          delivered_at: d.deliveredAt,
          created_at: d.createdAt,
        })),
      );
    }
  }

  /** The user's in-app notifications, newest first. */
  async listForUser(userId: string, options: { unread?: boolean; beforeId?: string; limit: number }): Promise<Notification[]> {
    const query = this.db<NotificationRow>("notifications").where({ user_id: userId, in_app: true });
    if (options.unread) query.whereNull("read_at");
    if (options.beforeId) query.where("id", "<", options.beforeId);
    return (await query.orderBy("id", "desc").limit(options.limit)).map(toNotification);
  }

  /** The user's in-app notifications after `afterId`, oldest first: what a resumed stream sends. */
  async listAfter(userId: string, afterId: string, limit: number): Promise<Notification[]> {
    const rows = await this.db<NotificationRow>("notifications")
      .where({ user_id: userId, in_app: true })
      .where("id", ">", afterId)
      .orderBy("id", "asc")
      .limit(limit);
    return rows.map(toNotification);
  }

  /** In-app notifications of any of `userIds` created since `since`, oldest first: what the stream hub looks at. */
  async listRecent(userIds: string[], since: number): Promise<Notification[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db<NotificationRow>("notifications")
      .whereIn("user_id", userIds)
      .where("in_app", true)
      .where("created_at", ">=", since)
      .orderBy("id", "asc");
    return rows.map(toNotification);
  }

  async countUnread(userId: string): Promise<number> {
    const row = await this.db("notifications").where({ user_id: userId, in_app: true }).whereNull("read_at").count({ n: "*" }).first();
    return Number(row?.n ?? 0);
  }

  /** Marks one of the user's notifications read; false when the user has no such notification. */
  async markRead(userId: string, id: string, now: number): Promise<boolean> {
    const found = await this.db("notifications").where({ id, user_id: userId, in_app: true }).first("id");
    if (!found) return false;
    await this.db("notifications").where({ id, user_id: userId }).whereNull("read_at").update({ read_at: now });
    return true;
  }

  async markAllRead(userId: string, now: number): Promise<void> {
    await this.db("notifications").where({ user_id: userId, in_app: true }).whereNull("read_at").update({ read_at: now });
  }

  // ---- preferences

  /** The choices users made for `events`, as `${userId} ${event} ${channel}` → enabled. */
  async preferences(userIds: string[], events: string[], trx: Database = this.db): Promise<Map<string, boolean>> {
    if (userIds.length === 0) return new Map();
    const rows = await trx("notification_preferences").whereIn("user_id", userIds).whereIn("event", events);
    return new Map(
      rows.map((r: { user_id: string; event: string; channel: string; enabled: number | boolean }) => [
        `${r.user_id} ${r.event} ${r.channel}`,
        Boolean(r.enabled),
      ]),
    );
  }

  async setPreferences(userId: string, choices: { event: string; channel: string; enabled: boolean }[], now: number): Promise<void> {
    if (choices.length === 0) return;
    await this.db.transaction(async (trx) => {
      for (const c of choices) {
        await trx("notification_preferences")
          .insert({ user_id: userId, event: c.event, channel: c.channel, enabled: c.enabled, updated_at: now })
          .onConflict(["user_id", "event", "channel"])
          .merge(["enabled", "updated_at"]);
      }
    });
  }

  // ---- known devices

  /** Records the device; answers whether it is new and whether the user had any device before. */
  async rememberDevice(userId: string, fingerprint: string, now: number): Promise<{ isNew: boolean; firstDevice: boolean }> {
    return this.db.transaction(async (trx) => {
      const known = await trx("known_devices").where({ user_id: userId, fingerprint }).first("fingerprint");
      if (known) {
        await trx("known_devices").where({ user_id: userId, fingerprint }).update({ last_seen_at: now });
        return { isNew: false, firstDevice: false };
      }
      const any = await trx("known_devices").where({ user_id: userId }).first("fingerprint");
      await trx("known_devices")
        .insert({ user_id: userId, fingerprint, first_seen_at: now, last_seen_at: now })
        .onConflict(["user_id", "fingerprint"])
        .ignore();
      return { isNew: true, firstDevice: !any };
    });
  }

  // ---- the outbox

  /** Deliveries to external channels by status (`pending`: the outbox's depth; `failed`: given up), for metrics. */
  async countDeliveriesByStatus(): Promise<{ status: string; count: number }[]> {
    const rows: { status: string; n: number | string }[] = await this.db("notification_deliveries")
      .whereIn("status", ["pending", "failed"])
      .groupBy("status")
      .select("status")
      .count({ n: "*" });
    return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
  }

  /**
   * Claims up to `limit` due deliveries for one worker: each gets `token` and a lease (its
   * `next_attempt_at` moves to `leaseUntil`, so a worker that dies holding it frees it then).
   * MySQL: `FOR UPDATE SKIP LOCKED`, so workers on several cores take different rows without
   * waiting. SQLite has one writer at a time: a compare-and-set per row does the same job.
   */
  async claimDue(now: number, limit: number, token: string, leaseUntil: number): Promise<ClaimedDelivery[]> {
    let ids: string[];
    if (dialectOf(this.db) === "mysql") {
      ids = await this.db.transaction(async (trx) => {
        const rows = await trx("notification_deliveries")
          .where({ status: "pending" })
          .where("next_attempt_at", "<=", now)
          .orderBy("next_attempt_at")
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .select("id");
        const found = rows.map((r: { id: string }) => r.id);
        if (found.length > 0) {
          await trx("notification_deliveries")
            .whereIn("id", found)
            .update({ lease_token: token, next_attempt_at: leaseUntil, attempts: trx.raw("attempts + 1") });
        }
        return found;
      });
    } else {
      const candidates = await this.db("notification_deliveries")
        .where({ status: "pending" })
        .where("next_attempt_at", "<=", now)
        .orderBy("next_attempt_at")
        .limit(limit)
        .select("id");
      ids = [];
      for (const { id } of candidates as { id: string }[]) {
        const changed = await this.db("notification_deliveries")
          .where({ id, status: "pending" })
          .where("next_attempt_at", "<=", now)
          .update({ lease_token: token, next_attempt_at: leaseUntil, attempts: this.db.raw("attempts + 1") });
        if (changed === 1) ids.push(id);
      }
    }
    if (ids.length === 0) return [];
    const rows = await this.db<DeliveryRow>("notification_deliveries").whereIn("id", ids).where({ lease_token: token });
    const notifications = await this.db<NotificationRow>("notifications").whereIn("id", [...new Set(rows.map((r) => r.notification_id))]);
    const byId = new Map(notifications.map((r) => [r.id, toNotification(r)]));
    return rows.map((r) => ({ ...toDelivery(r), leaseToken: token, notification: byId.get(r.notification_id)! }));
  }

  /**
   * Settles a claimed delivery, only while the claim is still this worker's: a worker whose
   * lease ran out (and whose delivery another worker took over) changes nothing.
   */
  async settle(
    id: string,
    token: string,
    outcome:
      | { status: "delivered"; externalId: string | null; at: number }
      | { status: "pending"; error: string; retryAt: number }
      | { status: "failed"; error: string },
  ): Promise<boolean> {
    const changes =
      outcome.status === "delivered"
        ? { status: "delivered", external_id: outcome.externalId, delivered_at: outcome.at, last_error: null }
        : outcome.status === "pending"
          ? { status: "pending", next_attempt_at: outcome.retryAt, last_error: outcome.error }
          : { status: "failed", last_error: outcome.error };
    const changed = await this.db("notification_deliveries")
      .where({ id, lease_token: token })
      .update({ ...changes, lease_token: null });
    return changed === 1;
  }

  async deliveriesOf(notificationId: string): Promise<Delivery[]> {
    return (await this.db<DeliveryRow>("notification_deliveries").where({ notification_id: notificationId }).orderBy("channel")).map(toDelivery);
  }
}
