import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import type { AuthContext } from "../accounts/index.js";
import { describeNotification } from "./describe-notification.js";
import { NotificationRepository } from "./notification.repository.js";

/** A page of the caller's own in-app notifications, newest first. */
@injectable()
export class ListNotifications {
  constructor(@inject(NotificationRepository) private readonly notifications: NotificationRepository) {}

  async execute(auth: Pick<AuthContext, "userId"> & Partial<Pick<AuthContext, "locale">>, query: { unread?: boolean; cursor?: string; limit?: number }) {
    const limit = query.limit ?? 20;
    const rows = await this.notifications.listForUser(auth.userId, { unread: query.unread, beforeId: decodeCursor(query.cursor, "ntf"), limit: limit + 1 });
    return toPage(rows, limit, (n) => describeNotification(n, auth.locale));
  }
}
