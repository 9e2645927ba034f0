import { inject, injectable } from "tsyringe";
import type { ProvisionedServices } from "../provisioning/index.js";
import { ApplyProvisioningOutcome } from "./apply-provisioning-outcome.js";
import { FindServiceForProvisioning } from "./find-service-for-provisioning.js";

/** The services module's answer to provisioning's `ProvisionedServices` (`TOKENS.ProvisionedServices`). */
@injectable()
export class ServicesForProvisioning implements ProvisionedServices {
  constructor(
    @inject(FindServiceForProvisioning) private readonly finder: FindServiceForProvisioning,
    @inject(ApplyProvisioningOutcome) private readonly outcomes: ApplyProvisioningOutcome,
  ) {}

  find(serviceId: string) {
    return this.finder.execute(serviceId);
  }

  applyOutcome(input: Parameters<ProvisionedServices["applyOutcome"]>[0]) {
    return this.outcomes.execute(input);
  }
}
