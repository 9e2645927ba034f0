import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { FindStaffMember } from "../staff/index.js";
import type { StaffAuthContext } from "../staff/index.js";
import { DepartmentRepository } from "./department.repository.js";
import { TicketRepository } from "./ticket.repository.js";
import { unprocessable, type TicketStatus } from "./ticket.js";

export interface TicketChange {
  /** A staff member of the brand, or null to unassign. */
  assigneeId?: string | null;
  departmentId?: string;
  status?: TicketStatus;
}

/**
 * Staff assign a ticket, move it to another department or set its status. Taking a new
 * (`open`) ticket moves it to `awaiting_staff`; closing it publishes `ticket.closed`.
 */
@injectable()
export class UpdateBrandTicket {
  constructor(
    @inject(TicketRepository) private readonly tickets: TicketRepository,
    @inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @inject(FindStaffMember) private readonly staff: FindStaffMember,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(auth: Pick<StaffAuthContext, "brandId">, id: string, change: TicketChange): Promise<void> {
    const scope = { brandId: auth.brandId };
    const ticket = await this.tickets.find(scope, id);
    if (!ticket) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "ticket", id });
    if (change.assigneeId) {
      const member = await this.staff.execute(auth.brandId, change.assigneeId);
      if (!member || member.status !== "active") throw unprocessable("assigneeId", "is not an active staff member of this brand");
    }
    if (change.departmentId && !(await this.departments.find(auth.brandId, change.departmentId))) {
      throw unprocessable("departmentId", "is not a department of this brand");
    }
    let status = change.status;
    if (status === undefined && change.assigneeId && ticket.status === "open") status = "awaiting_staff";
    const now = this.clock.now();
    // Closing goes through the guarded close, so of two closes at once only one announces it.
    const closed = status === "closed" && (await this.tickets.close(scope, id, now));
    const reopening = status !== undefined && status !== "closed";
    await this.tickets.update(
      scope,
      id,
      { assigneeId: change.assigneeId, departmentId: change.departmentId, status: reopening ? status : undefined, closedAt: reopening ? null : undefined },
      now,
    );
    if (closed) await this.events.publish("ticket.closed", { brandId: ticket.brandId, accountId: ticket.accountId, ticketId: id });
  }
}
