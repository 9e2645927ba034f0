import { inject, injectable } from "tsyringe";
import { ServiceRepository } from "./service.repository.js";

export interface LostProvisioning {
  serviceId: string;
  action: string;
  seq: number;
}

/**
 * For the recovery sweep: the provisioner actions asked for before `before` that no outcome
 * has closed yet — their job may have died with a process (the in-memory queue), or the
 * provisioner's `pending` report never came. Each is claimed by moving its asked-for time to
 * `now`, so one sweep (of one node) asks again, and the next only after the same wait. The
 * caller enqueues them again under the same job id; provisioners are idempotent by that key.
 */
@injectable()
export class ClaimLostProvisioning {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  async execute(input: { before: number; now: number; limit: number }): Promise<LostProvisioning[]> {
    const claimed: LostProvisioning[] = [];
    for (const service of await this.services.listProvisioningAskedBefore(input.before, input.limit)) {
      const seenAt = await this.services.provisionRequestedAt(service.id);
      if (seenAt !== null && seenAt >= input.before) continue; // asked again meanwhile
      if (await this.services.claimProvisionRequest(service.id, service.provisionSeq, seenAt, input.now)) {
        claimed.push({ serviceId: service.id, action: service.provisionAction!, seq: service.provisionSeq });
      }
    }
    return claimed;
  }
}
