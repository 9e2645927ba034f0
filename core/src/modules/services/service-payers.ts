import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { ServiceRepository } from "./service.repository.js";

/** Whom each of an account's services was ordered for, for other modules (documents: a payer's statement and acts). */
@injectable()
export class ServicePayers {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  /** By service id: the payer it was ordered for, or null (the account's default payer); unknown ids are absent. */
  execute(accountId: string, serviceIds: string[], trx?: Database): Promise<Map<string, string | null>> {
    return this.services.payersOf(accountId, [...new Set(serviceIds)], trx);
  }
}
