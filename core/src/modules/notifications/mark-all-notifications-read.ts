import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { AuthContext } from "../accounts/index.js";
import { NotificationRepository } from "./notification.repository.js";

@injectable()
export class MarkAllNotificationsRead {
  constructor(
    @inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "userId">): Promise<void> {
    await this.notifications.markAllRead(auth.userId, this.clock.now());
  }
}
