import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { TicketRepository } from "./ticket.repository.js";
import { assertClientMayWrite } from "./ticket.js";

/**
 * Reopens a closed ticket of the caller's account, within the reopen period: it then awaits
 * staff. Past the period: 409 `CAB_ERR_TICKET_CLOSED`; a ticket that is not closed: 409 `CAB_ERR_CONFLICT`.
 */
@injectable()
export class ReopenTicket {
  constructor(
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string): Promise<void> {
    const scope = { accountId: auth.accountId };
    const ticket = await this.tickets.find(scope, id);
    if (!ticket) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "ticket", id });
    if (ticket.status !== "closed") throw new CabinetError("CAB_ERR_CONFLICT", { status: ticket.status }, "Only a closed ticket can be reopened.");
    const now = this.clock.now();
    assertClientMayWrite(ticket, this.config.support.reopenPeriodDays, now);
    await this.tickets.update(scope, id, { status: "awaiting_staff", closedAt: null }, now);
  }
}
