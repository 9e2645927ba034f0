import { randomBytes } from "node:crypto";
import { inject, injectable } from "tsyringe";
import type { Logger } from "pino";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { NotificationChannel } from "../../extension-points/notification-channel.js";
import { AccountDirectory } from "../accounts/index.js";
import { NotificationChannels } from "./notification-channels.js";
import { NotificationRepository } from "./notification.repository.js";
import type { ClaimedDelivery } from "./notification.js";

type Outcome = Awaited<ReturnType<NotificationChannel["deliver"]>>;

/**
 * One pass of the outbox worker: claims the deliveries that are due, calls each channel
 * outside any transaction, and records the outcome — delivered; a retryable failure tried
 * again after `backoffMs · 2^(attempt-1)` (at most `backoffMaxMs`); given up (`failed`) after
 * `maxAttempts` or on a failure the channel calls final.
 *
 * A delivery is sent at least once. A worker that dies between the channel's answer and the
 * mark leaves its claim to expire after `leaseMs`, and another pass sends it again with the
 * same `deliveryId`; a channel that dedupes by that id delivers it exactly once.
 */
@injectable()
export class DeliverDueNotifications {
  constructor(
    @inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @inject(NotificationChannels) private readonly channels: NotificationChannels,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  /** Returns how many deliveries it claimed. */
  async execute(): Promise<number> {
    const settings = this.config.notifications.delivery;
    const now = this.clock.now();
    const token = randomBytes(16).toString("hex");
    const claimed = await this.notifications.claimDue(now, settings.batchSize, token, now + settings.leaseMs);
    await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const settings = this.config.notifications.delivery;
    const outcome = await this.send(delivery);
    const now = this.clock.now();
    let settled: boolean;
    if (outcome.status === "delivered") {
      settled = await this.notifications.settle(delivery.id, delivery.leaseToken, {
        status: "delivered",
        externalId: outcome.externalId?.slice(0, 255) ?? null,
        at: now,
      });
    } else {
      const error = outcome.reason.slice(0, 255);
      const giveUp = !outcome.retryable || delivery.attempts >= settings.maxAttempts;
      const retryAt = now + Math.min(settings.backoffMs * 2 ** (delivery.attempts - 1), settings.backoffMaxMs);
      settled = await this.notifications.settle(delivery.id, delivery.leaseToken, giveUp ? { status: "failed", error } : { status: "pending", error, retryAt });
      const log = { deliveryId: delivery.id, channel: delivery.channel, attempt: delivery.attempts, reason: error };
      if (giveUp) this.logger.warn(log, "notification delivery given up");
      else this.logger.info(log, "notification delivery failed; will retry");
    }
    // The lease ran out mid-send and another worker took the delivery over: its outcome counts.
    if (!settled) this.logger.warn({ deliveryId: delivery.id, channel: delivery.channel }, "notification delivery outcome dropped: the claim had expired");
  }

  private async send(delivery: ClaimedDelivery): Promise<Outcome> {
    const channel = this.channels.find(delivery.channel);
    if (!channel) return { status: "failed", reason: `channel "${delivery.channel}" is not enabled`, retryable: true };
    const { notification } = delivery;
    const user = await this.accounts.findUser(notification.userId);
    if (!user || user.status !== "active") return { status: "failed", reason: "the recipient is no longer an active user", retryable: false };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Outcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: "failed", reason: "the channel did not answer in time", retryable: true }),
        this.config.notifications.delivery.sendTimeoutMs,
      );
    });
    try {
      return await Promise.race([
        channel.deliver({
          notificationId: notification.id,
          deliveryId: delivery.id,
          attempt: delivery.attempts,
          brandId: notification.brandId,
          event: notification.event,
          recipient: { userId: user.id, email: notification.recipientEmail ?? user.email, locale: user.locale },
          title: notification.title,
          body: notification.body,
          link: notification.link ?? undefined,
          reference: notification.reference ?? undefined,
        }),
        timeout,
      ]);
    } catch (error) {
      // A channel that throws broke its contract, but a fault there must not lose the notification.
      return { status: "failed", reason: `the channel threw: ${(error as Error)?.message ?? String(error)}`, retryable: true };
    } finally {
      clearTimeout(timer);
    }
  }
}
