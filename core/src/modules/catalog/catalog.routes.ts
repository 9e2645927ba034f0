import { defineRoute } from "../../http/route.js";
import { requestLocale } from "../../http/request-locale.js";
import { CreateProduct } from "./create-product.js";
import { GetCatalog } from "./get-catalog.js";
import { ListProducts } from "./list-products.js";
import { QuotePrice } from "./quote-price.js";
import { SetProductPrices } from "./set-product-prices.js";
import { UpdateProduct } from "./update-product.js";
import {
  CatalogQuery,
  CatalogView,
  CreateProductBody,
  PricesBody,
  ProductIdParams,
  QuoteBody,
  QuoteView,
  StaffProductList,
  StaffProductView,
  UpdateProductBody,
} from "./catalog.schemas.js";

const money = (amount: number, currency: string) => ({ amount, currency });

export const catalogRoutes = [
  defineRoute({
    method: "get",
    path: "/catalog",
    operationId: "getCatalog",
    summary: "The brand's products with their parameters and prices",
    description:
      "Hidden and retired products are left out, and so is a product with no price in `currency` (default: the brand's). A signed-out visitor may browse. " +
      "Names, descriptions and parameter labels come in the caller's language: the signed-in user's (PATCH /me), else the request's `Accept-Language`, " +
      "among the brand's locales; a text the provider did not translate comes in the brand's default locale.",
    tags: ["catalog"],
    auth: "optional",
    query: CatalogQuery,
    response: CatalogView,
    handler: ({ auth, brand, ctx, query, scope }) =>
      scope.resolve(GetCatalog).execute(brand.id, query.currency ?? brand.defaultCurrency, requestLocale(ctx, brand, auth)),
  }),
  defineRoute({
    method: "post",
    path: "/catalog/quote",
    operationId: "quotePrice",
    summary: "Price a product for a period and parameters",
    description:
      "A period costs the product's base price for it plus each parameter's monthly price × months; the setup fee comes once, with the order. " +
      "Missing parameters take their default. 404 for an unknown product; 422 CAB_ERR_PRODUCT_UNAVAILABLE for a retired one, CAB_ERR_PERIOD_NOT_OFFERED, " +
      "CAB_ERR_CURRENCY_NOT_OFFERED, or CAB_ERR_INVALID_PARAMETER with `details.parameter` naming the parameter. The lines' texts are in the caller's language, as in GET /catalog.",
    tags: ["catalog"],
    auth: "optional",
    body: QuoteBody,
    response: QuoteView,
    handler: async ({ auth, brand, body, ctx, scope }) => {
      const currency = body.currency ?? brand.defaultCurrency;
      const locale = requestLocale(ctx, brand, auth);
      const { priced } = await scope
        .resolve(QuotePrice)
        .execute({
          brandId: brand.id,
          productId: body.productId,
          periodMonths: body.periodMonths,
          currency,
          parameters: body.parameters ?? {},
          for: "order",
          locale,
        });
      return {
        productId: priced.productId,
        periodMonths: priced.periodMonths,
        currency,
        parameters: priced.parameters,
        lines: priced.lines.map((l) => ({ code: l.code, description: l.description, amount: money(l.amount, currency) })),
        setupFee: money(priced.setupFee, currency),
        total: money(priced.total, currency),
        perPeriod: money(priced.perPeriod, currency),
      };
    },
  }),
];

export const staffCatalogRoutes = [
  defineRoute({
    method: "get",
    path: "/staff/products",
    operationId: "staffListProducts",
    summary: "Every product of the brand, with all prices",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin"],
    response: StaffProductList,
    handler: ({ auth, scope }) => scope.resolve(ListProducts).execute(auth.brandId),
  }),
  defineRoute({
    method: "post",
    path: "/staff/products",
    operationId: "staffCreateProduct",
    summary: "Add a product to the brand's catalog",
    description:
      "409 CAB_ERR_CONFLICT when the brand already has a product with this code. `name`, `description`, and each parameter's `label` (an option's too, an integer's `unit`) " +
      "are in the brand's default locale; `names`, `descriptions`, `labels` and `units` give them in its other locales (a locale the brand does not offer: 400, nothing saved).",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin"],
    body: CreateProductBody,
    response: StaffProductView,
    status: 201,
    handler: ({ auth, body, brand, scope }) => scope.resolve(CreateProduct).execute(auth, body, brand.locales),
  }),
  defineRoute({
    method: "patch",
    path: "/staff/products/:id",
    operationId: "staffUpdateProduct",
    summary: "Edit a product, hide or retire it",
    description:
      "Hidden: out of the catalog, still orderable by id. Retired: no new orders. Existing services are never touched. " +
      "`names` or `descriptions` replace the whole map (`{}` drops every translation); a locale the brand does not offer: 400, nothing changed.",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin"],
    params: ProductIdParams,
    body: UpdateProductBody,
    response: StaffProductView,
    handler: ({ auth, params, body, brand, scope }) => scope.resolve(UpdateProduct).execute(auth, params.id, body, brand.locales),
  }),
  defineRoute({
    method: "put",
    path: "/staff/products/:id/prices",
    operationId: "staffSetProductPrices",
    summary: "Replace a product's whole price list",
    tags: ["staff"],
    auth: "staff",
    staffRoles: ["admin"],
    params: ProductIdParams,
    body: PricesBody,
    response: StaffProductView,
    handler: ({ auth, params, body, scope }) => scope.resolve(SetProductPrices).execute(auth, params.id, body.prices),
  }),
];
