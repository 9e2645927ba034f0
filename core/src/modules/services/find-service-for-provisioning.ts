import { inject, injectable } from "tsyringe";
import { ServiceRepository } from "./service.repository.js";
import type { Service } from "./service.js";

/** A service by id, for the provisioning job (which carries no account): the job reads, never writes, through it. */
@injectable()
export class FindServiceForProvisioning {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  execute(serviceId: string): Promise<Service | undefined> {
    return this.services.findById(serviceId);
  }
}
