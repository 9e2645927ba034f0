import { inject, injectable } from "tsyringe";
import { cancelStep } from "./cancel-service.js";
import { MoveOverdueServices, type OverdueBatch, type OverdueBatchInput } from "./move-overdue-services.js";

/**
 * One batch of the billing run's cancellations at period end: services the client cancelled
 * "at the end of the paid period" whose period has ended are cancelled now, and their
 * provisioner stops them.
 */
@injectable()
export class CancelEndedServices {
  constructor(@inject(MoveOverdueServices) private readonly move: MoveOverdueServices) {}

  execute(input: OverdueBatchInput): Promise<OverdueBatch> {
    return this.move.execute({ statuses: ["active", "suspended"], paidBefore: input.now + 1, cancelAtPeriodEnd: true }, input, (service) => [
      cancelStep(service, "system", "period_end"),
    ]);
  }
}
