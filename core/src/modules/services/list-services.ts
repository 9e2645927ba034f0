import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/auth-context.js";
import { ProductSummaries } from "../catalog/product-summaries.js";
import { describeService } from "./describe-service.js";
import { ServiceRepository } from "./service.repository.js";
import type { ServiceStatus } from "./service.js";

const encodeCursor = (id: string) => Buffer.from(id).toString("base64url");
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString();
  if (!/^svc_[0-9a-z]{10,40}$/.test(id)) throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "query", path: "/cursor", message: "is not a cursor this API gave" }] });
  return id;
}

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
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1, // one more than asked tells whether there is a next page
    });
    const page = rows.slice(0, limit);
    const products = await this.products.get(page.map((s) => s.productId));
    return {
      items: page.map((s) => describeService(s, products.get(s.productId))),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }
}
