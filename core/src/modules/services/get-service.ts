import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/auth-context.js";
import { ProductSummaries } from "../catalog/product-summaries.js";
import { describeService } from "./describe-service.js";
import { ServiceRepository } from "./service.repository.js";

/** One service of the caller's account; another account's id answers 404, as an unknown one does. */
@injectable()
export class GetService {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, id: string) {
    const service = await this.services.findForAccount(auth.accountId, id);
    if (!service) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id });
    const products = await this.products.get([service.productId]);
    return describeService(service, products.get(service.productId));
  }
}
