import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { decodeCursor, toPage } from "../../http/pagination.js";
import type { AuthContext } from "../accounts/index.js";
import { ServiceRepository } from "./service.repository.js";

/** Every status change and action of one of the caller's services, oldest first. */
@injectable()
export class GetServiceHistory {
  constructor(@inject(ServiceRepository) private readonly services: ServiceRepository) {}

  async execute(auth: Pick<AuthContext, "accountId">, serviceId: string, query: { cursor?: string; limit?: number }) {
    if (!(await this.services.findForAccount(auth.accountId, serviceId))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id: serviceId });
    const limit = query.limit ?? 20;
    const rows = await this.services.listHistory(auth.accountId, serviceId, { afterId: decodeCursor(query.cursor, "shi"), limit: limit + 1 });
    return toPage(rows, limit, (h) => ({
      at: new Date(h.at).toISOString(),
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      action: h.action,
      actor: h.actor,
      details: h.details,
    }));
  }
}
