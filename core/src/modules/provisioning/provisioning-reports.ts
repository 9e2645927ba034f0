import { inject, injectable } from "tsyringe";
import type { ProvisioningReports, ProvisionAction } from "../../extension-points/provisioner.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { ProvisionedServices } from "./provisioned-services.js";

/**
 * `TOKENS.ProvisioningReports`: how a provisioner that answered `pending` reports the outcome
 * later. The same report twice, or one for an action the service no longer awaits, changes nothing.
 */
@injectable()
export class CoreProvisioningReports implements ProvisioningReports {
  constructor(@inject(TOKENS.ProvisionedServices) private readonly services: ProvisionedServices) {}

  async report(input: {
    serviceId: string;
    action: ProvisionAction;
    outcome: { status: "done"; data?: Record<string, unknown> } | { status: "failed"; reason: string };
  }): Promise<void> {
    await this.services.applyOutcome({ serviceId: input.serviceId, action: input.action, outcome: input.outcome });
  }
}
