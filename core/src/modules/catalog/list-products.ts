import { inject, injectable } from "tsyringe";
import { describeProductForStaff } from "./describe-product.js";
import { ProductRepository } from "./product.repository.js";

/** Every product of the staff member's brand, whatever its status, with all its prices. */
@injectable()
export class ListProducts {
  constructor(@inject(ProductRepository) private readonly products: ProductRepository) {}

  async execute(brandId: string) {
    const products = await this.products.listForBrand(brandId);
    const prices = await this.products.prices(products.map((p) => p.id));
    return { items: products.map((p) => describeProductForStaff(p, prices.get(p.id)!)) };
  }
}
