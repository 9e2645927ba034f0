import { inject, injectable } from "tsyringe";
import { hasPermission, type AuthContext } from "../accounts/index.js";
import { AccountDirectory } from "../accounts/index.js";
import { notificationKinds, notificationLabel, type NotificationKind } from "./notification-catalogue.js";
import { NotificationChannels, enabledByDefault } from "./notification-channels.js";
import { NotificationRepository } from "./notification.repository.js";

/** The kinds of notification `auth` may receive: all for the owner, by permission for the others. */
export function kindsFor(auth: Pick<AuthContext, "role" | "permissions">): NotificationKind[] {
  return notificationKinds
    .filter((k) => !k.mandatoryEmail)
    .filter((k) => k.audience === "the-user" || k.audience.permissions.some((p) => hasPermission(auth, p)));
}

/** The caller's notification settings: every channel, and every event they may receive × channel. */
@injectable()
export class GetNotificationPreferences {
  constructor(
    @inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @inject(NotificationChannels) private readonly channels: NotificationChannels,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
  ) {}

  async execute(auth: Pick<AuthContext, "userId" | "role" | "permissions">) {
    const kinds = kindsFor(auth);
    const userLocale = (await this.accounts.findUser(auth.userId))?.locale ?? "en";
    const chosen = await this.notifications.preferences(
      [auth.userId],
      kinds.map((k) => k.event),
    );
    const channels = this.channels.describe(userLocale);
    return {
      channels,
      events: kinds.map((kind) => ({
        event: kind.event,
        label: notificationLabel(kind, userLocale),
        group: kind.group,
        channels: Object.fromEntries(channels.map(({ id }) => [id, chosen.get(`${auth.userId} ${kind.event} ${id}`) ?? enabledByDefault(kind, id)])),
      })),
    };
  }
}
