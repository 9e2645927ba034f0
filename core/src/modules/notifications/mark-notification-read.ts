import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { NotificationRepository } from "./notification.repository.js";

/** Marks one of the caller's notifications read (again: no change); anyone else's answers 404. */
@injectable()
export class MarkNotificationRead {
  constructor(
    @inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "userId">, id: string): Promise<void> {
    if (!(await this.notifications.markRead(auth.userId, id, this.clock.now()))) throw new CabinetError("CAB_ERR_NOT_FOUND", { notificationId: id });
  }
}
