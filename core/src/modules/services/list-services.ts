import { inject, injectable } from "tsyringe";
import { decodeCursor, toPage } from "../../http/pagination.js";
import type { AuthContext } from "../accounts/auth-context.js";
import { ProductSummaries } from "../catalog/product-summaries.js";
import { describeService } from "./describe-service.js";
import { ServiceRepository } from "./service.repository.js";
import type { ServiceStatus } from "./service.js";


/** A page of the caller's services, newest first. */
@injectable()
export class ListServices {
  constructor(
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ProductSummaries) private readonly products: ProductSummaries,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, query: { status?: ServiceStatus; cursor?: string; limit?: number }) {
    const limit = query.limit ?? 20;
    const rows = await this.services.listForAccount(auth.accountId, {
      status: query.status,
      afterId: decodeCursor(query.cursor, "svc"),
      limit: limit + 1, // one more than asked tells whether there is a next page
    });
    const products = await this.products.get(rows.slice(0, limit).map((s) => s.productId));
    return toPage(rows, limit, (s) => describeService(s, products.get(s.productId)));
  }
}
