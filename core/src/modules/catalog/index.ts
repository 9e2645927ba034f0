/** The catalog module's public face: products, their parameters and prices. Other modules import only this file. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { catalogRoutes, staffCatalogRoutes } from "./catalog.routes.js";
import { ProductSummaries } from "./product-summaries.js";

export * from "./product.js";
// The API schemas other modules reuse in their own (a namespace: `ParameterValues` is also a type above).
export * as catalogSchemas from "./catalog.schemas.js";
export { FindProductIds } from "./find-product-ids.js";
export { FindProduct } from "./find-product.js";
export { GetCatalog } from "./get-catalog.js";
export * from "./price-product.js";
export { ProductSummaries } from "./product-summaries.js";
/** The provider's texts in a caller's locale (falling back to the brand's default), and their check on write. */
export { parametersIn, productIn, productNameIn, productNameText } from "./localized-text.js";
export { ProductRepository } from "./product.repository.js";
export * from "./quote-price.js";

export const catalogModule = defineModule({
  name: "catalog",
  routes: [...catalogRoutes, ...staffCatalogRoutes],
  provide(container) {
    container.registerSingleton(ProductSummaries);
  },
});
