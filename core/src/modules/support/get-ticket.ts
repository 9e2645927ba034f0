import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { describeClientTicket, unreadByClient } from "./describe-ticket.js";
import { TicketRepository } from "./ticket.repository.js";

/**
 * One ticket of the caller's account with its conversation (internal notes left out in the
 * SQL). Opening it marks the staff's replies read. Another account's id answers 404.
 */
@injectable()
export class GetTicket {
  constructor(
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId"> & Partial<Pick<AuthContext, "locale">>, id: string, options: { markRead: boolean } = { markRead: true }) {
    const scope = { accountId: auth.accountId };
    const ticket = await this.tickets.find(scope, id);
    if (!ticket) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "ticket", id });
    const now = this.clock.now();
    if (options.markRead && unreadByClient(ticket)) {
      await this.tickets.update(scope, id, { clientReadAt: now }, now);
      ticket.clientReadAt = now;
    }
    const messages = await this.tickets.messages(id, { internal: false });
    return describeClientTicket(ticket, messages, this.config.support.reopenPeriodDays, now, auth.locale);
  }
}
