import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { StaffRepository } from "./staff.repository.js";
import type { StaffAuthContext } from "./staff-member.js";

/** Ends the staff member's session: its token stops working at once. */
@injectable()
export class SignOutStaff {
  constructor(
    @inject(StaffRepository) private readonly staff: StaffRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(auth: StaffAuthContext): Promise<void> {
    await this.staff.revokeSession(auth.sessionId, this.clock.now());
    await this.events.publish("staff.signed_out", { brandId: auth.brandId, staffId: auth.staffId, sessionId: auth.sessionId });
  }
}
