// The brands module's public face: what other modules may import from it.
export type { Brand, BrandLegalDetails, NewBrand } from "./brand.js";
export type { BrandLookup } from "./brand-lookup.js";
