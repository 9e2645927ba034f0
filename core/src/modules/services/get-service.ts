import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { AccountLanguage, hasRight, type AuthContext } from "../accounts/index.js";
import { ProductSummaries } from "../catalog/index.js";
import { describeService, describingNeedsLanguage, type ServiceRights } from "./describe-service.js";
import { ServiceRepository } from "./service.repository.js";
import type { Service } from "./service.js";

export type ServiceCaller = Pick<AuthContext, "accountId"> &
  Partial<Pick<AuthContext, "role" | "permissions" | "rights" | "staffMode" | "serviceScope" | "locale">>;

/** One service of the caller's account; another account's id answers 404, as an unknown one does. */
@injectable()
export class GetService {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: ServiceCaller, id: string) {
    const service = await this.services.findForAccount(auth.accountId, id);
    if (!service) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "service", id });
    return this.describe(auth, service);
  }

  /** The view of a service the caller already holds (after a change). */
  async describe(auth: ServiceCaller, service: Service) {
    // The product's name in the caller's language.
    const products = await this.products.inLocale([service.productId], auth.locale);
    const invoices = await this.services.openInvoiceIds(auth.accountId, [service]);
    return describeService(
      service,
      products.get(service.productId),
      canWriteServices(auth),
      invoices.get(service.id) ?? null,
      describingNeedsLanguage([service]) ? await this.language.of(auth.accountId) : undefined,
    );
  }
}

/**
 * What the caller may do to services besides reading: renew (`order`), change, cancel and
 * delete (`delete`), as their rights say; nothing in a read-only staff session.
 */
export function canWriteServices(auth: ServiceCaller): ServiceRights {
  const may = (action: "order" | "change" | "delete") =>
    auth.role !== undefined &&
    auth.staffMode !== "read" &&
    hasRight({ role: auth.role, permissions: auth.permissions ?? [], rights: auth.rights }, "services", action);
  return { order: may("order"), change: may("change"), delete: may("delete") };
}
