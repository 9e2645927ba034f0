// The brands module's public face: what other modules and the composition root may import from it.
export type { Brand, BrandLegalDetails, BrandTheme, BrandSupportContacts, NewBrand } from "./brand.js";
export type { BrandLookup } from "./brand-lookup.js";
export type { CurrencyUsage } from "./currency-usage.js";
export { BrandDirectory } from "./brand-directory.js";
export { Origin } from "./brands.schemas.js";
export { brandRoutes } from "./brands.routes.js";
export { staffBrandRoutes } from "./brands.staff-routes.js";
