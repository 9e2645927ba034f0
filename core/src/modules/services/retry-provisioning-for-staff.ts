import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountDirectory, AccountLanguage } from "../accounts/index.js";
import { ProductSummaries } from "../catalog/index.js";
import type { StaffAuthContext } from "../staff/index.js";
import { describeService } from "./describe-service.js";
import { RetryProvisioning } from "./retry-provisioning.js";
import { ServiceRepository } from "./service.repository.js";

/** Staff retry a failed service of their brand's clients; another brand's service is 404. */
@injectable()
export class RetryProvisioningForStaff {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(RetryProvisioning) private readonly retry: RetryProvisioning,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: Pick<StaffAuthContext, "brandId">, serviceId: string) {
    const service = await this.services.findById(serviceId);
    const account = service ? await this.accounts.find(service.accountId) : undefined;
    if (!service || account?.brandId !== auth.brandId) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id: serviceId });
    const retried = await this.retry.execute({ accountId: service.accountId, serviceId, actor: "staff" });
    return describeService(
      retried,
      (await this.products.get([service.productId])).get(service.productId),
      false,
      null,
      await this.language.of(service.accountId),
    );
  }
}
