import { inject, injectable } from "tsyringe";
import type { AuthContext } from "../accounts/index.js";
import { NotificationRepository } from "./notification.repository.js";

@injectable()
export class CountUnreadNotifications {
  constructor(@inject(NotificationRepository) private readonly notifications: NotificationRepository) {}

  async execute(auth: Pick<AuthContext, "userId">): Promise<{ count: number }> {
    return { count: await this.notifications.countUnread(auth.userId) };
  }
}
