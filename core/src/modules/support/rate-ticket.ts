import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { TicketRepository } from "./ticket.repository.js";

/** The client's rating (1–5, with an optional comment) of a closed ticket; rating again replaces it. */
@injectable()
export class RateTicket {
  constructor(
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string, input: { rating: number; comment?: string }): Promise<void> {
    const scope = { accountId: auth.accountId };
    const ticket = await this.tickets.find(scope, id);
    if (!ticket) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "ticket", id });
    if (ticket.status !== "closed") throw new CabinetError("CAB_ERR_CONFLICT", { status: ticket.status }, "Only a closed ticket can be rated.");
    await this.tickets.update(scope, id, { rating: input.rating, ratingComment: input.comment?.trim() || null }, this.clock.now());
  }
}
