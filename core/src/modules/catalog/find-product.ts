import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import type { Product } from "./product.js";
import { ProductRepository } from "./product.repository.js";

/** A product by id, whatever its status: how other modules (provisioning) learn a service's product. */
@injectable()
export class FindProduct {
  constructor(@inject(ProductRepository) private readonly products: ProductRepository) {}

  /** `db`: the caller's transaction, when it holds one (SQLite has one connection). */
  async execute(productId: string, db?: Database): Promise<Product | undefined> {
    return (await this.products.findMany([productId], db)).get(productId);
  }
}
