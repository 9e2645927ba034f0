import { inject, injectable } from "tsyringe";
import type { ProvisioningReports, ProvisionAction } from "../../extension-points/provisioner.js";
import { ApplyProvisioningOutcome } from "../services/apply-provisioning-outcome.js";

/**
 * `TOKENS.ProvisioningReports`: how a provisioner that answered `pending` reports the outcome
 * later. The same report twice, or one for an action the service no longer awaits, changes nothing.
 */
@injectable()
export class CoreProvisioningReports implements ProvisioningReports {
  constructor(@inject(ApplyProvisioningOutcome) private readonly outcomes: ApplyProvisioningOutcome) {}

  async report(input: { serviceId: string; action: ProvisionAction; outcome: { status: "done"; data?: Record<string, unknown> } | { status: "failed"; reason: string } }): Promise<void> {
    await this.outcomes.execute({ serviceId: input.serviceId, action: input.action, outcome: input.outcome });
  }
}
