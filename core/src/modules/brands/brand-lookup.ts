import type { Brand } from "./brand.js";

/**
 * Brands, read-only, for plugins and other modules: resolve it with `TOKENS.Brands` rather than
 * reading the `brands` table. Served from the core's short-lived brand cache.
 *
 * @example
 * const brands = container.resolve<BrandLookup>(TOKENS.Brands);
 * const bank = (await brands.byId(payment.brandId))?.legal?.bank;
 */
export interface BrandLookup {
  byId(id: string): Promise<Brand | undefined>;
  bySlug(slug: string): Promise<Brand | undefined>;
}
