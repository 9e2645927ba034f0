import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { productIn } from "./localized-text.js";
import { priceProduct, type PricedProduct } from "./price-product.js";
import type { Product } from "./product.js";
import { ProductRepository } from "./product.repository.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface PriceRequest {
  brandId: string;
  productId: string;
  periodMonths: number;
  currency: string;
  parameters: Record<string, unknown>;
  /**
   * `order`: a new service, which a retired product no longer takes. `existing`: a change or
   * renewal of a service the client already has; retiring a product never touches those.
   */
  for: "order" | "existing";
  /**
   * The locale of the lines' texts (the catalog's names and the period, "Облачный VPS, 3 месяца");
   * without one, the brand's default texts, as stored.
   */
  locale?: string;
}

/**
 * Prices a product for a period and parameters with {@link priceProduct}: the quote endpoint,
 * orders, changes and renewals all come here. An unknown product (or another brand's) is 404.
 */
@injectable()
export class QuotePrice {
  constructor(@inject(ProductRepository) private readonly products: ProductRepository) {}

  async execute(request: PriceRequest, db?: Database): Promise<{ product: Product; priced: PricedProduct }> {
    const product = await this.products.find(request.brandId, request.productId, db);
    if (!product) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "product", id: request.productId });
    if (request.for === "order" && product.status === "retired")
      throw new CabinetError("CAB_ERR_PRODUCT_UNAVAILABLE", { productId: product.id, status: product.status });
    const prices = findOrFail((await this.products.prices([product.id], db)).get(product.id), "prices of product", product.id);
    return { product, priced: priceProduct(request.locale ? productIn(product, request.locale) : product, prices, request) };
  }
}
