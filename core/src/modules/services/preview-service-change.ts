import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { ServiceChangePlanner } from "./service-change-planner.js";
import { ServiceRepository } from "./service.repository.js";

/** What a change of parameters would cost now and from the next period, without changing anything. */
@injectable()
export class PreviewServiceChange {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ServiceChangePlanner) private readonly planner: ServiceChangePlanner,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, serviceId: string, parameters: Record<string, unknown>) {
    const service = await this.services.findForAccount(auth.accountId, serviceId);
    if (!service) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id: serviceId });
    const plan = await this.planner.plan(service, parameters);
    const currency = service.price.currency;
    return {
      kind: plan.kind,
      appliesAt: plan.appliesAt,
      amountDue: { amount: plan.amountDue, currency },
      newPricePerPeriod: { amount: plan.newPricePerPeriod, currency },
      remainingDays: plan.remainingDays,
      periodDays: plan.periodDays,
    };
  }
}
