/** The brands module's public face: the providers' white-label profiles. Other modules import only this file. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { TOKENS } from "../../kernel/tokens.js";
import { BrandDirectory } from "./brand-directory.js";
import type { Brand } from "./brand.js";
import { brandRoutes } from "./brands.routes.js";
import { staffBrandRoutes } from "./brands.staff-routes.js";

export * from "./brand.js";
export { BrandDirectory } from "./brand-directory.js";
export type { BrandLookup } from "./brand-lookup.js";
export type { CurrencyUsage } from "./currency-usage.js";
export { BrandRepository } from "./brand.repository.js";
export { Origin, BrandCreateBody, BrandPatchBody } from "./brands.schemas.js";
export { brandRoutes, staffBrandRoutes };
// For the `cabinet brand` command.
export { CreateBrand } from "./create-brand.js";
export { UpdateBrand } from "./update-brand.js";
export { describeBrand } from "./describe-brand.js";

// Route handlers see the full Brand where the HTTP layer knows only a RequestBrand.
declare module "../../http/callers.js" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RequestBrand extends Brand {}
}

export const brandsModule = defineModule({
  name: "brands",
  routes: [...brandRoutes, ...staffBrandRoutes],
  provide(container) {
    // One cache per core: every request needs its brand.
    container.registerSingleton(BrandDirectory);
    container.register(TOKENS.Brands, { useToken: BrandDirectory });
    container.register(TOKENS.BrandResolver, { useToken: BrandDirectory });
  },
});
