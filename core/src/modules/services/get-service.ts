import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { hasPermission, type AuthContext } from "../accounts/index.js";
import { ProductSummaries } from "../catalog/index.js";
import { describeService } from "./describe-service.js";
import { ServiceRepository } from "./service.repository.js";
import type { Service } from "./service.js";

export type ServiceCaller = Pick<AuthContext, "accountId"> & Partial<Pick<AuthContext, "role" | "permissions">>;

/** One service of the caller's account; another account's id answers 404, as an unknown one does. */
@injectable()
export class GetService {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
  ) {}

  async execute(auth: ServiceCaller, id: string) {
    const service = await this.services.findForAccount(auth.accountId, id);
    if (!service) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id });
    return this.describe(auth, service);
  }

  /** The view of a service the caller already holds (after a change). */
  async describe(auth: ServiceCaller, service: Service) {
    const products = await this.products.get([service.productId]);
    return describeService(service, products.get(service.productId), canWriteServices(auth));
  }
}

/** The caller may order, change, renew and cancel: an owner, or a user holding `services`. */
export function canWriteServices(auth: ServiceCaller): boolean {
  return auth.role !== undefined && hasPermission({ role: auth.role, permissions: auth.permissions ?? [] }, "services");
}
