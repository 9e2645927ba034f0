import { inject, injectable } from "tsyringe";
import { suspendStep } from "./suspend-service.js";
import { MoveOverdueServices, type OverdueBatch, type OverdueBatchInput } from "./move-overdue-services.js";

/**
 * One batch of the billing run's suspensions: active services whose paid period ended before
 * `paidBefore` (the grace ago) are suspended for non-payment, and their provisioner suspends
 * them. A renewal paid later (the invoice, or the balance at a later run) resumes them.
 */
@injectable()
export class SuspendOverdueServices {
  constructor(@inject(MoveOverdueServices) private readonly move: MoveOverdueServices) {}

  execute(input: OverdueBatchInput & { paidBefore: number }): Promise<OverdueBatch> {
    return this.move.execute({ statuses: ["active"], paidBefore: input.paidBefore }, input, (service) => [suspendStep(service, "unpaid", "system")]);
  }
}
