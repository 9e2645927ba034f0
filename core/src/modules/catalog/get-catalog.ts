import { inject, injectable } from "tsyringe";
import { describeProduct } from "./describe-product.js";
import { ProductRepository } from "./product.repository.js";

/** The brand's active products priced in `currency`, named in `locale`; a product with no price in it is left out. */
@injectable()
export class GetCatalog {
  constructor(@inject(ProductRepository) private readonly products: ProductRepository) {}

  async execute(brandId: string, currency: string, locale: string) {
    const products = await this.products.listForBrand(brandId, ["active"]);
    const prices = await this.products.prices(products.map((p) => p.id));
    return {
      items: products
        .filter((p) => prices.get(p.id)!.some((price) => price.currency === currency))
        .map((p) => describeProduct(p, prices.get(p.id)!, currency, locale)),
    };
  }
}
