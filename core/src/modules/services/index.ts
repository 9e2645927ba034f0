/** The services module's public face (what other modules and the composition root may import). */
import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { ServiceRepository } from "./service.repository.js";

export { ServicesPersonalData } from "./services-personal-data.js";

/** Which services an account owns, for modules that refer to services by id (per-service scopes). */
@injectable()
export class ServiceDirectory {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  /** The ids among `ids` that are services of the account (deleted ones included). */
  async ownedBy(accountId: string, ids: string[], trx?: Database): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await this.services.listByIds(accountId, ids, trx)).map((s) => s.id);
  }
}
/** What a brand asks before it drops a currency. */
export { servicesInCurrency } from "./services-in-currency.js";
