import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { TicketRepository, type TicketScope } from "./ticket.repository.js";

/**
 * Closes a ticket, by its client or by staff; closing a closed ticket changes nothing. The
 * reopen period starts now. `ticket.closed` is published once the change is stored.
 */
@injectable()
export class CloseTicket {
  constructor(
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(scope: TicketScope, id: string): Promise<void> {
    const ticket = await this.tickets.find(scope, id);
    if (!ticket) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "ticket", id });
    if (!(await this.tickets.close(scope, id, this.clock.now()))) return;
    await this.events.publish("ticket.closed", { brandId: ticket.brandId, accountId: ticket.accountId, ticketId: id });
  }
}
