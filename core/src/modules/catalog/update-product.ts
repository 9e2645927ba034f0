import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { StaffAuthContext } from "../staff/index.js";
import { checkParameterDefinitions } from "./check-product.js";
import { describeProductForStaff } from "./describe-product.js";
import type { Product } from "./product.js";
import { ProductRepository } from "./product.repository.js";
import { ProductSummaries } from "./product-summaries.js";

export type ProductChanges = Partial<Pick<Product, "name" | "type" | "description" | "parameters" | "status" | "provisioner" | "provisionerOptions" | "downgradeRule" | "cancelRefund">>;

/**
 * Staff edit a product of their brand: hiding or retiring it takes it out of the catalog and
 * (retired) out of new orders; services already running on it keep their parameters and price.
 */
@injectable()
export class UpdateProduct {
  constructor(
    @inject(ProductRepository) private readonly products: ProductRepository,
    @inject(ProductSummaries) private readonly summaries: ProductSummaries,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<StaffAuthContext, "brandId">, productId: string, changes: ProductChanges) {
    const product = await this.products.find(auth.brandId, productId);
    if (!product) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "product", id: productId });
    if (changes.parameters) checkParameterDefinitions(changes.parameters);
    const updated: Product = { ...product, ...changes };
    await this.products.update(updated, this.clock.now());
    this.summaries.invalidate();
    const prices = (await this.products.prices([product.id])).get(product.id)!;
    return describeProductForStaff(updated, prices);
  }
}
