import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { StaffAuthContext } from "../staff/index.js";
import { checkParameterDefinitions } from "./check-product.js";
import { checkTranslations } from "../../kernel/localized-text.js";
import { parameterTranslations } from "./localized-text.js";
import { describeProductForStaff } from "./describe-product.js";
import type { Product } from "./product.js";
import { ProductRepository } from "./product.repository.js";
import { ProductSummaries } from "./product-summaries.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export type ProductChanges = Partial<
  Pick<
    Product,
    | "name"
    | "names"
    | "type"
    | "description"
    | "descriptions"
    | "parameters"
    | "status"
    | "provisioner"
    | "provisionerOptions"
    | "downgradeRule"
    | "cancelRefund"
  >
>;

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

  /** `locales`: the brand's, the only ones a text may be given in. */
  async execute(auth: Pick<StaffAuthContext, "brandId">, productId: string, changes: ProductChanges, locales: readonly string[]) {
    checkTranslations(locales, [
      { path: "/names", texts: changes.names },
      { path: "/descriptions", texts: changes.descriptions },
      ...parameterTranslations(changes.parameters),
    ]);
    const product = await this.products.find(auth.brandId, productId);
    if (!product) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "product", id: productId });
    if (changes.parameters) checkParameterDefinitions(changes.parameters);
    const updated: Product = { ...product, ...changes };
    await this.products.update(updated, this.clock.now());
    this.summaries.invalidate();
    const prices = findOrFail((await this.products.prices([product.id])).get(product.id), "prices of product", product.id);
    return describeProductForStaff(updated, prices);
  }
}
