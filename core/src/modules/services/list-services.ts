import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import { AccountLanguage, type AuthContext } from "../accounts/index.js";
import { FindProductIds } from "../catalog/index.js";
import { ProductSummaries } from "../catalog/index.js";
import { describeService, describingNeedsLanguage } from "./describe-service.js";
import { canWriteServices, type ServiceCaller } from "./get-service.js";
import { ServiceRepository } from "./service.repository.js";
import type { ServiceStatus } from "./service.js";

/** A page of the caller's services, newest first, filtered by status, product type and a text. */
@injectable()
export class ListServices {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
    @inject(FindProductIds) private readonly productIds: FindProductIds,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(
    auth: ServiceCaller & Partial<Pick<AuthContext, "brandId">>,
    query: { status?: ServiceStatus; type?: string; q?: string; cursor?: string; limit?: number },
  ) {
    const limit = query.limit ?? 20;
    const brandId = auth.brandId ?? "";
    const rows = await this.services.listForAccount(auth.accountId, {
      status: query.status,
      productIds: query.type ? await this.productIds.execute(brandId, { type: query.type }) : undefined,
      q: query.q,
      productIdsMatchingQ: query.q ? await this.productIds.execute(brandId, { nameContains: query.q }) : undefined,
      afterId: decodeCursor(query.cursor, "svc"),
      limit: limit + 1, // one more than asked tells whether there is a next page
    });
    const page = rows.slice(0, limit);
    const products = await this.products.inLocale(
      page.map((s) => s.productId),
      auth.locale,
    );
    const invoices = await this.services.openInvoiceIds(auth.accountId, page);
    const canWrite = canWriteServices(auth);
    const locale = describingNeedsLanguage(page) ? await this.language.of(auth.accountId) : undefined;
    return toPage(rows, limit, (s) => describeService(s, products.get(s.productId), canWrite, invoices.get(s.id) ?? null, locale));
  }
}
