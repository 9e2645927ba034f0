import { inject, injectAll, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { BrandDirectory } from "./brand-directory.js";
import { BrandRepository } from "./brand.repository.js";
import type { Brand } from "./brand.js";
import type { BrandPatch } from "./brands.schemas.js";
import { checkBrandSettings } from "./check-brand-settings.js";
import type { CurrencyUsage } from "./currency-usage.js";

/**
 * Changes a brand's settings (the operator's `cabinet brand update`, or the brand's own admin
 * through the staff API). Only the fields given change. A currency still held by accounts or
 * pricing live services cannot be dropped (409), and a change made meanwhile by someone else
 * is not overwritten (409: read it again). In effect on every core process within
 * `brands.cacheCheckMs`, at once on this one.
 */
@injectable()
export class UpdateBrand {
  constructor(
    @inject(BrandRepository) private readonly brands: BrandRepository,
    @inject(BrandDirectory) private readonly directory: BrandDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @injectAll(TOKENS.CurrencyUsage) private readonly usages: CurrencyUsage[],
  ) {}

  async execute(slug: string, patch: BrandPatch): Promise<Brand> {
    const current = await this.brands.findBySlug(slug);
    if (!current) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "brand", slug });
    const next: Brand = { ...current, ...(patch as Partial<Brand>) };
    // A new default currency alone means "offer this one as well", not "drop the others".
    if (patch.defaultCurrency && !patch.currencies && !next.currencies.includes(patch.defaultCurrency))
      next.currencies = [...next.currencies, patch.defaultCurrency];
    if (patch.defaultLocale && !patch.locales && !next.locales.includes(patch.defaultLocale)) next.locales = [...next.locales, patch.defaultLocale];
    checkBrandSettings(next);
    for (const currency of current.currencies.filter((c) => !next.currencies.includes(c))) {
      for (const usage of this.usages) {
        const count = await usage.count(current.id, currency);
        if (count > 0) {
          throw new CabinetError(
            "CAB_ERR_CURRENCY_IN_USE",
            { currency, [usage.what]: count },
            `${currency} is still used by ${count} ${usage.what} of this brand.`,
          );
        }
      }
    }
    if (!(await this.brands.update(next, this.clock.now()))) {
      throw new CabinetError("CAB_ERR_CONFLICT", { reason: "the brand changed meanwhile" }, "The brand was changed meanwhile; read it again.");
    }
    this.directory.invalidate();
    return { ...next, version: current.version + 1 };
  }
}
