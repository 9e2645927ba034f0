import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import { isUniqueViolation } from "../../db/errors.js";
import { BrandDirectory } from "./brand-directory.js";
import { BrandRepository } from "./brand.repository.js";
import { withDefaults, type Brand } from "./brand.js";
import type { BrandCreateInput } from "./brands.schemas.js";
import { checkBrandSettings } from "./check-brand-settings.js";

/** Creates a brand (the operator's job: `cabinet brand create`). Input validated by BrandCreateBody. */
@injectable()
export class CreateBrand {
  constructor(
    @inject(BrandRepository) private readonly brands: BrandRepository,
    @inject(BrandDirectory) private readonly directory: BrandDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(input: BrandCreateInput): Promise<Brand> {
    const settings = withDefaults(input as Parameters<typeof withDefaults>[0]);
    checkBrandSettings(settings);
    if (await this.brands.findBySlug(input.slug)) throw new CabinetError("CAB_ERR_CONFLICT", { slug: input.slug }, "A brand with this slug exists.");
    try {
      const brand = await this.brands.insert(settings, this.clock.now());
      return brand;
    } catch (error) {
      if (isUniqueViolation(error)) throw new CabinetError("CAB_ERR_CONFLICT", { slug: input.slug }, "A brand with this slug exists.");
      throw error;
    } finally {
      this.directory.invalidate();
    }
  }
}
