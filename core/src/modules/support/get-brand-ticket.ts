import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { StaffAuthContext } from "../staff/index.js";
import { describeStaffTicket } from "./describe-ticket.js";
import { TicketRepository } from "./ticket.repository.js";

/** One ticket of the staff member's brand, with every message, internal notes included. Another brand's: 404. */
@injectable()
export class GetBrandTicket {
  constructor(
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(auth: Pick<StaffAuthContext, "brandId">, id: string) {
    const ticket = await this.tickets.find({ brandId: auth.brandId }, id);
    if (!ticket) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "ticket", id });
    const messages = await this.tickets.messages(id, { internal: true });
    return describeStaffTicket(ticket, messages, this.config.support.reopenPeriodDays, this.clock.now());
  }
}
