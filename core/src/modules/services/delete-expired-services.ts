import { inject, injectable } from "tsyringe";
import { cancelStep } from "./cancel-service.js";
import { deleteStep } from "./delete-service.js";
import { MoveOverdueServices, type OverdueBatch, type OverdueBatchInput } from "./move-overdue-services.js";

/**
 * One batch of the billing run's deletions: services suspended for non-payment whose paid
 * period ended before `paidBefore` (the longer grace ago) are cancelled and deleted, and their
 * provisioner removes them (it suspended them already).
 */
@injectable()
export class DeleteExpiredServices {
  constructor(@inject(MoveOverdueServices) private readonly move: MoveOverdueServices) {}

  execute(input: OverdueBatchInput & { paidBefore: number }): Promise<OverdueBatch> {
    return this.move.execute({ statuses: ["suspended"], paidBefore: input.paidBefore }, input, (service) => [
      cancelStep(service, "system", "unpaid"),
      deleteStep(service, "system", { reason: "unpaid" }),
    ]);
  }
}
