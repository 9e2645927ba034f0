import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { CancellationPlanner } from "./cancellation-planner.js";
import { serviceActions } from "./describe-service.js";
import { illegalTransition } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";

/** What cancelling a service now would give back (or withdraw), without changing anything: the widget says it before the click. */
@injectable()
export class PreviewCancellation {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(CancellationPlanner) private readonly planner: CancellationPlanner,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, serviceId: string) {
    const service = await this.services.findForAccount(auth.accountId, serviceId);
    if (!service) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id: serviceId });
    if (!serviceActions(service, true).cancel.allowed) throw illegalTransition(service, "cancel");
    const plan = await this.planner.plan(service);
    return {
      kind: plan.kind,
      refundRule: plan.refundRule,
      refund: { amount: plan.refund, currency: service.price.currency },
      remainingDays: plan.remainingDays,
      paidUntil: service.paidUntil === null ? null : new Date(service.paidUntil).toISOString(),
      invoiceId: plan.invoiceId,
      services: plan.services.map((s) => s.id),
    };
  }
}
