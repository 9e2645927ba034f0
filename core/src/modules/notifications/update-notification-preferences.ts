import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { NotificationChannels } from "./notification-channels.js";
import { NotificationRepository } from "./notification.repository.js";
import { GetNotificationPreferences, kindsFor } from "./get-notification-preferences.js";

/**
 * Saves the caller's choices (only the pairs given; the rest keep theirs) and answers the
 * settings as they now stand. An event the caller cannot receive or a channel that is not
 * enabled is refused, and then nothing is saved.
 */
@injectable()
export class UpdateNotificationPreferences {
  constructor(
    @inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @inject(NotificationChannels) private readonly channels: NotificationChannels,
    @inject(GetNotificationPreferences) private readonly get: GetNotificationPreferences,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "role" | "permissions">, events: Record<string, Record<string, boolean>>) {
    const allowedEvents = new Set<string>(kindsFor(auth).map((k) => k.event));
    const channelIds = new Set(this.channels.ids());
    const errors: { in: string; path: string; message: string }[] = [];
    const choices: { event: string; channel: string; enabled: boolean }[] = [];
    for (const [event, byChannel] of Object.entries(events)) {
      if (!allowedEvents.has(event)) {
        errors.push({ in: "body", path: `/events/${event}`, message: "is not an event you receive notifications of" });
        continue;
      }
      for (const [channel, enabled] of Object.entries(byChannel)) {
        if (!channelIds.has(channel)) errors.push({ in: "body", path: `/events/${event}/${channel}`, message: "is not an enabled channel" });
        else choices.push({ event, channel, enabled });
      }
    }
    if (errors.length > 0) throw new CabinetError("CAB_ERR_VALIDATION", { errors });
    await this.notifications.setPreferences(auth.userId, choices, this.clock.now());
    return this.get.execute(auth);
  }
}
