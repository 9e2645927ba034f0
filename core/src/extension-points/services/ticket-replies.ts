/**
 * Adds a client's message to a ticket from outside the HTTP API (a reply to a ticket's
 * notification in Telegram), resolved from the container as `TOKENS.TicketReplies`. The user
 * must belong to the ticket's account and hold `support` (or be its owner); the same rules as
 * the API apply (a ticket closed past its reopen period refuses).
 *
 * @example
 * const replies = container.resolve<TicketReplies>(TOKENS.TicketReplies);
 * const outcome = await replies.replyAsClient({ userId, ticketId, body: "Thanks, it works now" });
 */
export interface TicketReplies {
  replyAsClient(input: {
    userId: string;
    ticketId: string;
    body: string;
  }): Promise<{ status: "added"; messageId: string } | { status: "refused"; reason: string }>;
}
