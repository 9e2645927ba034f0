import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { StaffAuthContext } from "../staff/index.js";
import { checkPrices } from "./check-product.js";
import { describeProductForStaff } from "./describe-product.js";
import type { ProductPrice } from "./product.js";
import { ProductRepository } from "./product.repository.js";

/** Staff replace a product's whole price list; running services keep the price they were sold at. */
@injectable()
export class SetProductPrices {
  constructor(
    @inject(ProductRepository) private readonly products: ProductRepository,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<StaffAuthContext, "brandId">, productId: string, prices: ProductPrice[]) {
    checkPrices(prices);
    const product = await this.products.find(auth.brandId, productId);
    if (!product) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "product", id: productId });
    await inTransaction(this.db, (trx) => this.products.replacePrices(product.id, prices, this.clock.now(), trx), 1);
    return describeProductForStaff(product, prices);
  }
}
