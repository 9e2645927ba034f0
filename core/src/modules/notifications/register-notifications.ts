import type { DependencyContainer } from "tsyringe";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import type { Metrics } from "../../kernel/metrics.js";
import type { Database } from "../../db/create-database.js";
import { afterCommit } from "../../db/transaction.js";
import { DeliverDueNotifications } from "./deliver-due-notifications.js";
import { notificationKinds } from "./notification-catalogue.js";
import { NotificationRepository } from "./notification.repository.js";
import { NotificationStreamHub } from "./notification-stream-hub.js";
import { NotificationWorker } from "./notification-worker.js";
import { NotifyNewDevice } from "./notify-new-device.js";
import { RaiseNotifications } from "./raise-notifications.js";

/**
 * Wires the notifications module at boot: the stream hub and the outbox worker (one each per
 * core), and a subscription to every event a notification kind maps.
 */
export function registerNotifications(container: DependencyContainer): void {
  const config = container.resolve<CabinetConfig>(TOKENS.Config);
  const logger = container.resolve<Logger>(TOKENS.Logger);
  const redis = container.isRegistered(TOKENS.Redis) ? container.resolve<Redis>(TOKENS.Redis) : undefined;
  const hub = new NotificationStreamHub(
    container.resolve(NotificationRepository),
    config.notifications.stream,
    container.resolve<Clock>(TOKENS.Clock),
    logger,
    redis && { client: redis, keyPrefix: config.redis.keyPrefix },
  );
  container.register(NotificationStreamHub, { useValue: hub });
  const db = container.resolve<Database>(TOKENS.Database);
  const worker = new NotificationWorker(
    () => container.resolve(DeliverDueNotifications),
    config.notifications.delivery,
    logger,
    () => db.schema.hasTable("notification_deliveries"),
  );
  container.register(NotificationWorker, { useValue: worker });
  const repository = container.resolve(NotificationRepository);
  container
    .resolve<Metrics>(TOKENS.Metrics)
    .gauge(
      "cabinet_outbox_deliveries",
      "Notification deliveries to external channels by status (pending: the outbox's depth; failed: given up)",
      ["status"],
      async (set) => {
        set({ status: "pending" }, 0);
        set({ status: "failed" }, 0);
        for (const { status, count } of await repository.countDeliveriesByStatus()) set({ status }, count);
      },
    );

  const events = container.resolve<EventBus>(TOKENS.EventBus);
  for (const { event, audience } of notificationKinds) {
    if (event === "user.signed_in") continue;
    // Transactional: a publisher that publishes within its transaction gets its notifications
    // and their outbox rows committed with its change; one that publishes after, in their own.
    events.subscribeWithin(event, "notifications", async (payload, trx) => {
      // A client's own message is news to staff, not to the client's team.
      if (event === "ticket.replied" && (payload as { author: string }).author !== "staff") return;
      const { accountId, userId } = payload as { accountId: string; userId?: string };
      // A kind for "the user" alone (security messages) goes to the user the event names.
      await container.resolve(RaiseNotifications).execute(event, payload, { accountId, trx, onlyUserId: audience === "the-user" ? userId : undefined });
      afterCommit(trx ?? db, async () => worker.nudge());
    });
  }
  events.subscribe("user.signed_in", "notifications", async (signIn) => {
    await container.resolve(NotifyNewDevice).execute(signIn);
    worker.nudge();
  });
}

export async function startNotifications(container: DependencyContainer): Promise<void> {
  await container.resolve(NotificationStreamHub).start();
  if (container.resolve<CabinetConfig>(TOKENS.Config).notifications.delivery.enabled) container.resolve(NotificationWorker).start();
}

/** Ends this node's open notification streams, so a stopping server is not held open by them. */
export async function drainNotifications(container: DependencyContainer): Promise<void> {
  container.resolve(NotificationStreamHub).closeStreams();
}

export async function stopNotifications(container: DependencyContainer): Promise<void> {
  await container.resolve(NotificationWorker).stop();
  await container.resolve(NotificationStreamHub).stop();
}
