import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { TicketReplies } from "../../extension-points/services/ticket-replies.js";
import { hasPermission } from "../accounts/index.js";
import { FindUser } from "../accounts/index.js";
import { PostClientMessage } from "./post-client-message.js";
import { MESSAGE_MAX_LENGTH } from "./ticket.js";

/**
 * `TOKENS.TicketReplies`: a client's message that arrived outside the API (a Telegram reply),
 * under the API's rules — an active user of the ticket's account with `support`, a body that is
 * not empty, a ticket not closed past its reopen period, the flood limit. Refusals the user can
 * be told about come back as `refused`; faults throw.
 */
@injectable()
export class ReplyFromChannel implements TicketReplies {
  constructor(
    @inject(FindUser) private readonly users: FindUser,
    @inject(PostClientMessage) private readonly post: PostClientMessage,
  ) {}

  async replyAsClient(input: {
    userId: string;
    ticketId: string;
    body: string;
  }): Promise<{ status: "added"; messageId: string } | { status: "refused"; reason: string }> {
    const user = await this.users.execute(input.userId);
    if (!user || user.status !== "active") return { status: "refused", reason: "unknown_user" };
    if (!hasPermission(user, "support")) return { status: "refused", reason: "forbidden" };
    const body = input.body.slice(0, MESSAGE_MAX_LENGTH);
    if (!/\S/.test(body)) return { status: "refused", reason: "empty_message" };
    try {
      const message = await this.post.execute({ userId: user.id, accountId: user.accountId }, input.ticketId, body, []);
      return { status: "added", messageId: message.id };
    } catch (error) {
      if (!(error instanceof CabinetError)) throw error;
      const reasons: Partial<Record<string, string>> = {
        CAB_ERR_NOT_FOUND: "not_found",
        CAB_ERR_TICKET_CLOSED: "ticket_closed",
        CAB_ERR_RATE_LIMITED: "rate_limited",
      };
      const reason = reasons[error.code];
      if (!reason) throw error;
      return { status: "refused", reason };
    }
  }
}
