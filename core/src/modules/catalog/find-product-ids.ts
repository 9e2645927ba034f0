import { inject, injectable } from "tsyringe";
import { ProductRepository } from "./product.repository.js";

/** Ids of the brand's products of a type, or whose name contains a text: the services list's filters. */
@injectable()
export class FindProductIds {
  constructor(@inject(ProductRepository) private readonly products: ProductRepository) {}

  execute(brandId: string, filter: { type?: string; nameContains?: string }): Promise<string[]> {
    return this.products.idsMatching(brandId, filter);
  }
}
