import { inject, injectable } from "tsyringe";
import { ServiceRepository } from "./service.repository.js";

/** An upgrade's invoice was voided (by staff): the change it was for is called off. */
@injectable()
export class VoidWaitingChanges {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  async execute(accountId: string, invoiceId: string): Promise<number> {
    let voided = 0;
    for (const change of await this.services.findChangesByInvoice(accountId, invoiceId)) {
      if (change.status === "waiting" && (await this.services.settleChange(change.id, "void"))) voided++;
    }
    return voided;
  }
}
