import { inject, injectable } from "tsyringe";
import type { Product } from "./product.js";
import { ProductRepository } from "./product.repository.js";

/** A product by id, whatever its status: how other modules (provisioning) learn a service's product. */
@injectable()
export class FindProduct {
  constructor(@inject(ProductRepository) private readonly products: ProductRepository) {}

  async execute(productId: string): Promise<Product | undefined> {
    return (await this.products.findMany([productId])).get(productId);
  }
}
