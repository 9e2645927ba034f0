import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { isUniqueViolation } from "../../db/errors.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { StaffAuthContext } from "../staff/index.js";
import { checkParameterDefinitions, checkPrices } from "./check-product.js";
import { describeProductForStaff } from "./describe-product.js";
import { checkTranslations } from "../../kernel/localized-text.js";
import { parameterTranslations } from "./localized-text.js";
import type { CancelRefundRule, DowngradeRule, LocalizedText, ProductParameter, ProductPrice, ProductStatus } from "./product.js";
import { ProductRepository } from "./product.repository.js";

export interface NewProductInput {
  code: string;
  name: string;
  names?: LocalizedText;
  type: string;
  description?: string;
  descriptions?: LocalizedText;
  parameters?: ProductParameter[];
  status?: ProductStatus;
  provisioner?: string;
  provisionerOptions?: Record<string, unknown>;
  downgradeRule?: DowngradeRule;
  cancelRefund?: CancelRefundRule;
  prices?: ProductPrice[];
}

/** Staff add a product to their brand's catalog; a code the brand already uses is 409. */
@injectable()
export class CreateProduct {
  constructor(
    @inject(ProductRepository) private readonly products: ProductRepository,
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** `locales`: the brand's, the only ones a text may be given in. */
  async execute(auth: Pick<StaffAuthContext, "brandId">, input: NewProductInput, locales: readonly string[]) {
    const parameters = input.parameters ?? [];
    const prices = input.prices ?? [];
    checkTranslations(locales, [
      { path: "/names", texts: input.names },
      { path: "/descriptions", texts: input.descriptions },
      ...parameterTranslations(parameters),
    ]);
    checkParameterDefinitions(parameters);
    checkPrices(prices);
    const now = this.clock.now();
    try {
      const product = await inTransaction(
        this.db,
        async (trx) => {
          const saved = await this.products.insert(
            {
              brandId: auth.brandId,
              code: input.code,
              name: input.name,
              names: input.names ?? {},
              type: input.type,
              description: input.description ?? "",
              descriptions: input.descriptions ?? {},
              parameters,
              status: input.status ?? "active",
              provisioner: input.provisioner ?? "instant",
              provisionerOptions: input.provisionerOptions ?? {},
              downgradeRule: input.downgradeRule ?? "next_renewal",
              cancelRefund: input.cancelRefund ?? "none",
            },
            now,
            trx,
          );
          await this.products.replacePrices(saved.id, prices, now, trx);
          return saved;
        },
        1,
      );
      return describeProductForStaff(product, prices);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_CONFLICT", { reason: "code taken", code: input.code });
      throw error;
    }
  }
}
