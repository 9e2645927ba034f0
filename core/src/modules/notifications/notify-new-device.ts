import { createHash } from "node:crypto";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetEvents } from "../../kernel/event-bus.js";
import { NotificationRepository } from "./notification.repository.js";
import { RaiseNotifications } from "./raise-notifications.js";

/**
 * On a sign-in, tells the user (only them) when it came from a device — a user agent and IP
 * — not seen for them before. The first device a user ever signs in from is only remembered:
 * telling someone they just signed in for the first time would teach them to ignore the alert.
 */
@injectable()
export class NotifyNewDevice {
  constructor(
    @inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @inject(RaiseNotifications) private readonly raise: RaiseNotifications,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(signIn: CabinetEvents["user.signed_in"]): Promise<void> {
    const fingerprint = createHash("sha256").update(`${signIn.userAgent}\n${signIn.ip}`).digest("hex");
    const device = await this.notifications.rememberDevice(signIn.userId, fingerprint, this.clock.now());
    if (device.isNew && !device.firstDevice) await this.raise.execute("user.signed_in", signIn, { accountId: signIn.accountId, onlyUserId: signIn.userId });
  }
}
